/**
 * The walking model of the 15-minute living circle, under its former module name (the volunteers
 * test imports it from here). The stations module's operations live in stations.service.ts,
 * living-circle.service.ts, rider-meetings.service.ts and recruitment.service.ts.
 */
export { WALK, haversineMeters, walkingMinutes } from './living-circle.service.js';
