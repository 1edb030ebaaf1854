export * from '../modules/org/org.tables.js';
export * from '../modules/people/people.tables.js';
export * from '../modules/auth/auth.tables.js';
export * from '../modules/work-orders/work-orders.tables.js';
export * from '../modules/minor-protection/minor-protection.tables.js';
export * from '../modules/service-purchase/service-purchase.tables.js';
