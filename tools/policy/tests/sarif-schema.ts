import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/**
 * A validator for SARIF 2.1.0 (the schema shipped with @microsoft/jest-sarif). That file is written
 * in JSON Schema draft-04 (`id`, draft-04 `$schema`), which ajv 8 does not load as is; its keywords
 * are otherwise draft-07 compatible, so the identifier is renamed and the draft declaration dropped.
 * One of its patterns (`language`) is only valid without the `u` flag, hence `unicodeRegExp: false`.
 */
export function sarifValidator() {
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const {
    id,
    $schema: _draft,
    ...schema
  } = JSON.parse(readFileSync(schemaPath, 'utf8')) as { id: string } & Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ ...schema, $id: id });
}
