import pact2008 from "../../../seeds/frameworks/pact-2008.json";
import pragueAp2012 from "../../../seeds/frameworks/prague-ap-2012.json";
import pragueAp2023 from "../../../seeds/frameworks/prague-ap-2023.json";
import pragueJd2009 from "../../../seeds/frameworks/prague-jd-2009.json";
import emnAhq2010 from "../../../seeds/frameworks/emn-ahq-2010.json";
import parties from "../../../seeds/parties.json";
import { Catalogue, parseFramework, parsePartyLists } from "./catalogue";

/**
 * The catalogues shipped in seeds/, bundled as data (no file system needed, so the same
 * code runs in the task pane). Each is schema-checked once, on first use.
 */
const SHIPPED: readonly [string, unknown][] = [
  ["seeds/frameworks/pact-2008.json", pact2008],
  ["seeds/frameworks/prague-ap-2012.json", pragueAp2012],
  ["seeds/frameworks/prague-ap-2023.json", pragueAp2023],
  ["seeds/frameworks/prague-jd-2009.json", pragueJd2009],
  ["seeds/frameworks/emn-ahq-2010.json", emnAhq2010],
];

export function shippedCatalogue(): Catalogue {
  const lists = parsePartyLists(parties, "seeds/parties.json");
  return new Catalogue(
    SHIPPED.map(([origin, data]) => parseFramework(data, origin)),
    lists,
  );
}
