// Shapes of the stations API (server: src/server/modules/stations/stations.routes.ts): stations, the 15-minute
// living circle, the riders' joint meetings and job postings. Only stations.api.ts imports them; pages take them
// from there, so the switch to src/shared is one line.
import type { StationKind } from '../../lib/types';

export type { Station, StationKind } from '../../lib/types';

export interface LivingCircle {
  compoundId: string;
  compoundName: string;
  located: boolean;
  model: { speedKmh: number; detourFactor: number; circleMinutes: number };
  items: {
    stationId: string;
    kind: StationKind;
    name: string;
    address: string | null;
    meters: number;
    minutes: number;
    services: { category: string; name: string }[];
  }[];
}
export type Difficulty = 'eat_rest' | 'skills' | 'understanding' | 'rights';
export interface Demand {
  id: string;
  difficulty: Difficulty;
  content: string;
  status: 'open' | 'answered' | 'converted';
  answer: string | null;
  workOrderId: string | null;
  workOrderNo: string | null;
}
export interface RiderMeeting {
  id: string;
  stationName: string;
  heldOn: string;
  attendees: number;
  minutes: string;
  demands: Demand[];
}
export interface JobPosting {
  id: string;
  stationName: string;
  title: string;
  employer: string;
  skills: string[];
  positions: number;
  status: string;
  hired: number;
}
