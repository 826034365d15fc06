import { fits } from "../../src/taskpane/components/previous-return";
import { carriedFor } from "../../src/core/cycles/previous";
import { catalogue } from "../support/returns";

describe("starting from a public edition in the pane", () => {
  const framework = catalogue.framework("emn-ahq-2010");
  const nl = catalogue.party(framework, "NL");
  const be = catalogue.party(framework, "BE");
  const choice = {
    file: "public-2025.xlsx",
    origin: "public-2025.xlsx",
    previous: { responses: [], problems: [], withheld: [{ framework, cycle: "2025", party: nl, source: "public-2025.xlsx › emn-ahq-2010 compilation" }] },
  };

  it("offers a party the edition withheld, whose template then starts from its no", () => {
    expect(fits(choice, framework, nl)).toBe(true);
    expect(fits(choice, framework, be)).toBe(false);
    expect(carriedFor(choice.previous, framework, nl, "2026", choice.origin).carried.dissemination).toBe("no");
  });
});
