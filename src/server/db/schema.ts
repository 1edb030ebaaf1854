export * from '../modules/org/org.tables.js';
export * from '../modules/people/people.tables.js';
export * from '../modules/auth/auth.tables.js';
export * from '../modules/work-orders/work-orders.tables.js';
export * from '../modules/volunteers/volunteers.tables.js';
export * from '../modules/stations/stations.tables.js';
export * from '../modules/canteens/canteens.tables.js';
