// The stations API's shapes, from the server's schemas (src/shared/stations.schema.ts). Only stations.api.ts
// imports them; pages take them from there.
export type {
  Demand,
  Difficulty,
  LivingCircle,
  Posting as JobPosting,
  RiderMeeting,
  Station,
  StationKind,
} from '../../../shared/stations.schema';
