// Checks an OpenAPI description against the OpenAPI schema of its version
// (2.0, 3.0, 3.1), for the Go tests of /ogc/api and /api/v1/openapi.json:
// node validate-openapi.mjs FILE prints the errors and exits 1 when the
// description is not valid.
import { Validator } from '@seriousme/openapi-schema-validator';

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate-openapi.mjs FILE');
  process.exit(2);
}
const res = await new Validator().validate(file);
if (!res.valid) {
  console.error(JSON.stringify(res.errors, null, 2));
  process.exit(1);
}
