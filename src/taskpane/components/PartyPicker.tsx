import { Combobox, Field, Option } from "@fluentui/react-components";
import { useState } from "react";
import { normaliseName } from "../../core/catalogue/catalogue";
import type { Party } from "../../core/catalogue/schema";

export interface PartyPickerProps {
  readonly parties: readonly Party[];
  readonly selected: Party | undefined;
  readonly onSelect: (party: Party | undefined) => void;
}

const optionText = (p: Party): string => `${p.name} (${p.code})`;

/**
 * Matches the way the CLI finds parties — code (EU or ISO: EL, GR, GRC), English name, alias or
 * native name (Deutschland, España, Polska), ignoring case and accents — but on the start of a
 * word, so "el" offers Greece (EL) and not Belgium.
 */
export function partyMatches(p: Party, query: string): boolean {
  const q = normaliseName(query);
  if (!q) return true;
  const code = q.toUpperCase();
  return (
    [p.code, ...p.isoCodes].some((c) => c.startsWith(code)) ||
    [p.name, ...p.aliases, ...p.nativeNames].some((n) => ` ${normaliseName(n)}`.includes(` ${q}`))
  );
}

/** Choose a party by typing part of its name (or its code); each option shows the code. */
export function PartyPicker({ parties, selected, onSelect }: PartyPickerProps) {
  const [query, setQuery] = useState(selected ? optionText(selected) : "");
  // A choice made elsewhere (remembered choices, another framework) shows in the box: the text is
  // reset while rendering, when the choice changes (React's pattern for state derived from a prop).
  const [shownFor, setShownFor] = useState(selected);
  if (shownFor !== selected) {
    setShownFor(selected);
    setQuery(selected ? optionText(selected) : "");
  }
  const showing = selected && query === optionText(selected) ? parties : parties.filter((p) => partyMatches(p, query));
  return (
    <Field label="Party" required hint="Type a name or code, e.g. Greece or EL.">
      <Combobox
        placeholder="Choose a party"
        value={query}
        selectedOptions={selected ? [selected.code] : []}
        // Typing after a choice starts a new search: the chosen party's text is replaced, never
        // added to ("Germany (DE)Norway"); on focus it is selected, so the first key replaces it.
        onFocus={(e) => e.target.select()}
        onChange={(e) => {
          const typed = e.target.value;
          const shown = selected ? optionText(selected) : "";
          setQuery(shown && typed.startsWith(shown) && typed.length > shown.length ? typed.slice(shown.length) : typed);
          if (selected) {
            // The user's own typing unselects: keep the text typed (not the reset below).
            setShownFor(undefined);
            onSelect(undefined);
          }
        }}
        onOptionSelect={(_, data) => {
          const party = parties.find((p) => p.code === data.optionValue);
          onSelect(party);
          if (party) setQuery(optionText(party));
        }}
      >
        {showing.length === 0 ? (
          <Option key="none" value="" text="" disabled>
            No party matches “{query}”
          </Option>
        ) : (
          showing.map((p) => (
            <Option key={p.code} value={p.code} text={optionText(p)}>
              {optionText(p)}
            </Option>
          ))
        )}
      </Combobox>
    </Field>
  );
}
