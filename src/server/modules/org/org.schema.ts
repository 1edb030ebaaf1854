/** @deprecated import from src/shared/org.schema.ts; kept while other modules move their imports. */
export * from '../../../shared/org.schema.js';
