// ajv-cli plugin for the baseline: the formats and keyword careplan's schemas use, so ajv-cli
// validates outcome files exactly as strictly as careplan does.
const addFormats = require('ajv-formats');

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-](\d{2}):(\d{2}))?$/;
function validDate(y, m, d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
module.exports = (ajv) => {
  addFormats(ajv, ['date', 'email']);
  ajv.addFormat('careplan-timestamp', {
    type: 'string',
    validate: (s) => {
      const m = TIMESTAMP.exec(s);
      return Boolean(m) && validDate(+m[1], +m[2], +m[3]) && +m[4] < 24 && +m[5] < 60 && +(m[6] ?? 0) < 60;
    },
  });
  ajv.addFormat('nhs-number', { type: 'string', validate: () => true });
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  return ajv;
};
