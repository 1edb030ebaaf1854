import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../http/route-permissions.js';
import type { Actor } from '../access/access.policy.js';

/** Who runs an operation and from where (the audit row's actor and IP). */
export interface By {
  actor: Actor;
  ip?: string;
}

export const byOf = (req: FastifyRequest): By => ({ actor: actorOf(req), ip: req.ip });
