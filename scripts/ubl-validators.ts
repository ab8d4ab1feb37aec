/**
 * The independent e-invoice validators, fetched from Maven Central into the tools cache (never
 * written by hand), each jar pinned by version and sha256:
 * - the UBL 2.1 XSDs (OASIS), as shipped in `com.helger.ubl:ph-ubl21` 9.0.2, with the schemas they
 *   import from `com.helger.xsd:ph-xsds-*` 3.0.0 (CCTS, XML signature, XAdES);
 * - the CEN EN 16931 rules for UBL (schematron compiled to XSLT, version 1.3.12), in
 *   `com.helger.phive.rules:phive-rules-en16931` 3.2.0;
 * - the Peppol BIS Billing 3.0 rules (release 2024.5), in `com.helger.phive.rules:phive-rules-peppol`
 *   3.2.0;
 * - Saxon-HE 12.5 (`net.sf.saxon:Saxon-HE`) with its one required dependency
 *   `org.xmlresolver:xmlresolver` 5.2.2, to run the XSLT with the machine's Java (17 or newer).
 * `npm run tools` fetches them; the tests call `ensureUblValidators` too, which only reads the cache
 * when it is there.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { listZip, unzipEntry, ValidatorFetchError } from './validators.ts';

const MAVEN = 'https://repo1.maven.org/maven2';

interface Artefact {
  group: string;
  name: string;
  version: string;
  sha256: string;
}

const UBL21: Artefact = {
  group: 'com.helger.ubl',
  name: 'ph-ubl21',
  version: '9.0.2',
  sha256: 'e3a98a602f007c5c36ec8cd33b670401911f38a6f5b9cee145fc0b24f6103dcb',
};
/**
 * The schemas the UBL ones import (CCTS core component types, XML signature, XAdES), shipped beside
 * ph-ubl21 as its dependencies; ph-ubl21's copies import them by namespace only (a Java catalogue
 * resolves them), so the imports are given the files' names when they are put in the cache.
 */
const IMPORTED: (Artefact & { file: string; namespace: string })[] = [
  {
    group: 'com.helger.xsd',
    name: 'ph-xsds-ccts-cct-schemamodule',
    version: '3.0.0',
    sha256: '6519104f78fb72df23eac1614b323494e59973d5fb714eb174cfec9490364e78',
    file: 'CCTS_CCT_SchemaModule.xsd',
    namespace: 'urn:un:unece:uncefact:data:specification:CoreComponentTypeSchemaModule:2',
  },
  {
    group: 'com.helger.xsd',
    name: 'ph-xsds-xmldsig',
    version: '3.0.0',
    sha256: '4fe85647d70a755cee35309be41f1515635569ab8c225a55b4d99e200ccc7524',
    file: 'xmldsig-core-schema.xsd',
    namespace: 'http://www.w3.org/2000/09/xmldsig#',
  },
  {
    group: 'com.helger.xsd',
    name: 'ph-xsds-xades132',
    version: '3.0.0',
    sha256: 'e9c7be665bf64f251b87954bfe6542c4c6c5103bbdf2248af519be9209e49544',
    file: 'XAdES01903v132-201601.xsd',
    namespace: 'http://uri.etsi.org/01903/v1.3.2#',
  },
  {
    group: 'com.helger.xsd',
    name: 'ph-xsds-xades141',
    version: '3.0.0',
    sha256: 'd1dd6ddfd694672c407051ef2dd31f682dcf85121b7811f2730fe2955a775ae3',
    file: 'XAdES01903v141-201601.xsd',
    namespace: 'http://uri.etsi.org/01903/v1.4.1#',
  },
];

/** Gives a namespace-only `xsd:import` of one of IMPORTED the file's name (same folder). */
export function locateImports(xsd: string): string {
  return xsd.replace(/<xsd?:import\s+namespace\s*=\s*"([^"]+)"\s*\/>/g, (whole, ns: string) => {
    const target = IMPORTED.find((i) => i.namespace === ns);
    const prefix = whole.startsWith('<xsd:') ? 'xsd' : 'xs';
    return target ? `<${prefix}:import namespace="${ns}" schemaLocation="${target.file}"/>` : whole;
  });
}

const EN16931: Artefact = {
  group: 'com.helger.phive.rules',
  name: 'phive-rules-en16931',
  version: '3.2.0',
  sha256: 'b0209f31e80f9aaa9bf0e1223f30731cd689dd0d022b1882011fefe098fb1fdb',
};
const PEPPOL: Artefact = {
  group: 'com.helger.phive.rules',
  name: 'phive-rules-peppol',
  version: '3.2.0',
  sha256: '9ac459e82fa2d22dc3182c4ec1eeabd17bb17cb9d61673163a7b686778d976cd',
};
const SAXON: Artefact = {
  group: 'net.sf.saxon',
  name: 'Saxon-HE',
  version: '12.5',
  sha256: '98c3a91e6e5aaf9b3e2b37601e04b214a6e67098493cdd8232fcb705fddcb674',
};
const XMLRESOLVER: Artefact = {
  group: 'org.xmlresolver',
  name: 'xmlresolver',
  version: '5.2.2',
  sha256: 'efc92bd7ed32b3e57095e0b3e872051ccfbbdcc980831ef33e89e38161a85222',
};

/** The rule sets' versions inside the jars: the newest each jar carries. */
export const EN16931_RULES = 'external/schematron/1.3.12/ubl/EN16931-UBL-validation.xslt';
export const PEPPOL_RULES = 'external/schematron/openpeppol/2024.5/xslt/PEPPOL-EN16931-UBL.xslt';
const UBL_SCHEMAS = 'external/schemas/ubl21/';

export interface UblValidators {
  invoiceXsd: string;
  creditNoteXsd: string;
  en16931Xslt: string;
  peppolXslt: string;
  /** The Java class path that runs Saxon (`net.sf.saxon.Transform`). */
  saxonClassPath: string;
}

type Log = (msg: string) => void;

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

async function download(a: Artefact): Promise<Buffer> {
  const file = `${a.name}-${a.version}.jar`;
  const url = `${MAVEN}/${a.group.replaceAll('.', '/')}/${a.name}/${a.version}/${file}`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  } catch (err) {
    throw new ValidatorFetchError(`Could not reach ${url}: ${(err as Error).message}`);
  }
  if (!res.ok) throw new ValidatorFetchError(`${url} answered ${res.status}.`);
  const bytes = Buffer.from(await res.arrayBuffer());
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== a.sha256)
    throw new ValidatorFetchError(`${file} downloaded with sha256 ${digest}: refused.`);
  return bytes;
}

async function writeAtomic(target: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.part`;
  await writeFile(partial, data);
  await rename(partial, target);
}

/** The validators in the tools cache, fetched from Maven Central when they are not there yet. */
export async function ensureUblValidators(opts: { toolsDir: string; log: Log }): Promise<UblValidators> {
  const dir = path.join(opts.toolsDir, `ubl-validators-${EN16931.version}`);
  const found: UblValidators = {
    invoiceXsd: path.join(dir, 'ubl21/maindoc/UBL-Invoice-2.1.xsd'),
    creditNoteXsd: path.join(dir, 'ubl21/maindoc/UBL-CreditNote-2.1.xsd'),
    en16931Xslt: path.join(dir, 'en16931/EN16931-UBL-validation.xslt'),
    peppolXslt: path.join(dir, 'peppol/PEPPOL-EN16931-UBL.xslt'),
    saxonClassPath: [SAXON, XMLRESOLVER].map((a) => path.join(dir, `${a.name}-${a.version}.jar`)).join(':'),
  };
  const done = path.join(dir, 'complete');
  if (await exists(done)) return found;

  opts.log(
    `Fetching the UBL 2.1 schemas, EN 16931 and Peppol rules and Saxon-HE from Maven Central into ${dir}…`,
  );
  await rm(dir, { recursive: true, force: true });
  const ubl = await download(UBL21);
  for (const name of listZip(ubl).filter((n) => n.startsWith(UBL_SCHEMAS) && n.endsWith('.xsd'))) {
    const xsd = locateImports(unzipEntry(ubl, name).toString('utf8'));
    await writeAtomic(path.join(dir, 'ubl21', name.slice(UBL_SCHEMAS.length)), Buffer.from(xsd));
  }
  for (const i of IMPORTED) {
    const xsd = locateImports(unzipEntry(await download(i), `schemas/${i.file}`).toString('utf8'));
    await writeAtomic(path.join(dir, 'ubl21/common', i.file), Buffer.from(xsd));
  }
  await writeAtomic(found.en16931Xslt, unzipEntry(await download(EN16931), EN16931_RULES));
  await writeAtomic(found.peppolXslt, unzipEntry(await download(PEPPOL), PEPPOL_RULES));
  for (const a of [SAXON, XMLRESOLVER]) {
    await writeAtomic(path.join(dir, `${a.name}-${a.version}.jar`), await download(a));
  }
  await writeFile(done, new Date().toISOString());
  opts.log('UBL validators ready.');
  return found;
}
