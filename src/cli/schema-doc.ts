import { writeFileSync } from 'node:fs';
import { renderSchemaDoc } from '../provisioning/schema-doc.js';

writeFileSync('docs/schema.md', renderSchemaDoc());
console.log('Skrev docs/schema.md');
