import type { AppContext } from '../../context.js';
import type { Json } from './ocds.extension.js';
import { compileReleases, versionReleases } from './ocds.merge.js';
import { roundReleases } from './ocds-releases.service.js';
import { ocdsSources, publishedRoundIds } from './repository/ocds.repository.js';
import { findRoundById } from './repository/rounds.repository.js';
import { StepErrors as S } from './service-purchase.errors.js';

/**
 * OCDS 1.1.5 publication of the purchase-of-services rounds (one round = one ocid): a release package
 * per round (one release per event, see ocds-releases.service.ts), the record package at /ocds/records
 * (compiled and versioned releases by the merge rules), and the bulk feed /ocds/releases?since=… with
 * paging and a full download. Every URL comes from the configured public URL (LINLI_PUBLIC_URL).
 *
 * Local extension "Linli roadshow scores" (extension.json beside its release-schema.json patch):
 * `tender.linliRoadshow`, `awards[].linliScore`, `contracts[].implementation.linliDelivery`,
 * `contracts[].linliFinalEvaluation`, `parties[].details.linliSuccessor`. Individual jurors' scores
 * and personal data are never published (see the publication policy page).
 */
const packageMeta = (base: string) => ({
  version: '1.1',
  extensions: [`${base}/api/purchase/ocds/extension.json`],
  publisher: { name: '邻里平台：政府向社会力量购买服务公开数据', uri: base },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  publicationPolicy: `${base}/ocds/publication-policy`,
});
const lastDate = (releases: Json[], fallback: Date) =>
  releases
    .map((r) => String(r.date))
    .sort()
    .at(-1) ?? fallback.toISOString();

async function releasesOfRound(ctx: AppContext, roundId: string): Promise<{ roundId: string; releases: Json[] }> {
  const round = await findRoundById(ctx.db, roundId);
  // Drafts are not published: to the public they do not exist yet.
  if (!round || round.status === 'draft' || !round.publishedAt) throw S.ocds.ROUND_NOT_FOUND();
  return { roundId, releases: roundReleases(round, await ocdsSources(ctx.db, round)) };
}

const roundPackageUri = (base: string, roundId: string) => `${base}/api/purchase/rounds/${roundId}/ocds`;

/** Public: the round id (a UUID) identifies the district too. */
export async function buildReleasePackage(ctx: AppContext, roundId: string, base: string): Promise<Json> {
  const { releases } = await releasesOfRound(ctx, roundId);
  return {
    uri: roundPackageUri(base, roundId),
    publishedDate: lastDate(releases, new Date()),
    ...packageMeta(base),
    releases,
  };
}

async function allRounds(ctx: AppContext) {
  const ids = await publishedRoundIds(ctx.db);
  const out: { roundId: string; releases: Json[] }[] = [];
  for (const { id } of ids) out.push(await releasesOfRound(ctx, id));
  return out.filter((r) => r.releases.length > 0);
}

/** The record package: per ocid, the linked releases, the compiled release and the versioned release. */
export async function buildRecordPackage(ctx: AppContext, base: string): Promise<Json> {
  const rounds = await allRounds(ctx);
  const records = rounds.map(({ roundId, releases }) => ({
    ocid: releases[0]!.ocid,
    releases: releases.map((r) => ({
      url: `${roundPackageUri(base, roundId)}#${String(r.id)}`,
      date: r.date,
      tag: r.tag,
    })),
    compiledRelease: compileReleases(releases),
    versionedRelease: versionReleases(releases),
  }));
  return {
    uri: `${base}/ocds/records`,
    publishedDate: lastDate(
      rounds.flatMap((r) => r.releases),
      new Date(),
    ),
    ...packageMeta(base),
    packages: rounds.map((r) => roundPackageUri(base, r.roundId)),
    records,
  };
}

export interface BulkQuery {
  since?: string;
  cursor?: string;
  limit: number;
}

const cursorOf = (r: Json) => Buffer.from(`${String(r.date)}|${String(r.id)}`).toString('base64url');
const keyOf = (r: Json) => `${String(r.date)}|${String(r.id)}`;

/**
 * Every release of every published round, oldest first (date, then id), from `since` on, `limit` at a
 * time; `links.next` (and the HTTP Link header) carries the cursor of the next page.
 */
export async function bulkReleases(ctx: AppContext, base: string, q: BulkQuery) {
  const all = (await allRounds(ctx)).flatMap((r) => r.releases).sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  const since = q.since ? Date.parse(q.since) : undefined;
  const after = q.cursor ? Buffer.from(q.cursor, 'base64url').toString('utf8') : undefined;
  const from = all.filter(
    (r) => (since === undefined || Date.parse(String(r.date)) >= since) && (!after || keyOf(r) > after),
  );
  const page = from.slice(0, q.limit);
  const params = new URLSearchParams({ ...(q.since ? { since: q.since } : {}), limit: String(q.limit) });
  const next =
    from.length > page.length
      ? `${base}/ocds/releases?${params.toString()}&cursor=${cursorOf(page.at(-1)!)}`
      : undefined;
  const self = `${base}/ocds/releases?${params.toString()}${q.cursor ? `&cursor=${q.cursor}` : ''}`;
  return {
    next,
    body: {
      uri: self,
      publishedDate: lastDate(all, new Date()),
      ...packageMeta(base),
      releases: page,
      links: next ? { next } : {},
    } as Json,
  };
}

/** The full download: one release package with every release published so far. */
export async function fullReleasePackage(ctx: AppContext, base: string): Promise<Json> {
  const all = (await allRounds(ctx)).flatMap((r) => r.releases);
  return {
    uri: `${base}/ocds/releases/full.json`,
    publishedDate: lastDate(all, new Date()),
    ...packageMeta(base),
    releases: all.sort((a, b) => keyOf(a).localeCompare(keyOf(b))),
  };
}
