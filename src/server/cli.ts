import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { createContext, hasAnyDistrict, hasSeparateOwner, loginWarning, openOwner } from './bootstrap.js';
import { appRoleStatements, loginOf } from './db/roles.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_POINTS_CARD, loadPingchengDemo, type DemoUser } from './demo/pingcheng.js';
import { analyzeChanged } from './db/analyze.js';
import { buildApp } from './http/app.js';
import { initDistrict } from './modules/divisions/divisions.service.js';
import { createApiKey } from './modules/auth/auth.service.js';
import { sweepOverdue } from './modules/work-orders/work-orders.service.js';
import { sweepMinorOverdue } from './modules/minor-protection/minor-protection.service.js';
import { ROLE_LABELS } from './modules/access/role-labels.js';
import { startNotificationWorker } from './modules/notifications/notifications.worker.js';
import { createLedgerWorker } from './modules/people/ledger.worker.js';

const HELP = `linli — 邻里 smart governance platform

  linli serve                      migrate, load the Pingcheng demo on first run, serve http://localhost:3000
  linli init --district <code>     bootstrap a district's real streets and communities (e.g. 140213)
  linli demo [--scale 1]           load the deterministic Pingcheng demo dataset (scale 1 ≈ 1.1M residents)
  linli migrate                    apply database migrations (as DATABASE_OWNER_URL; re-grants the app role)
  linli db:roles [--print]         create/update the app's least-privilege role and its grants (PostgreSQL)
  linli api-key --user <username>  create an Open311 api_key that acts as that account

Environment: DATABASE_URL (PostgreSQL login the app serves as; default embedded PGlite in ./data),
DATABASE_OWNER_URL (owner that migrates and loads the demo; alias MIGRATION_URL), PORT, HOST, LINLI_DATA_DIR,
LINLI_DATA_KEY (base64 32-byte key; default: generated in ./data/keys), LINLI_DEMO_SCALE,
LINLI_DATABASE_SCHEMA (PostgreSQL schema, default the login's search_path), LINLI_SWEEP_MS (overdue sweeps, default 60000).`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      print: { type: 'boolean' },
      district: { type: 'string' },
      scale: { type: 'string' },
      user: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0] ?? 'serve';
  if (values.help || command === 'help') {
    console.log(HELP);
    return;
  }
  const config = loadConfig();
  if (command === 'db:roles') {
    if (!config.databaseUrl)
      throw new Error(
        'db:roles 只用于 PostgreSQL：请设置 DATABASE_URL（应用账号）和 DATABASE_OWNER_URL（所有者账号）。嵌入式 PGlite 只有一个连接，没有账号之分。',
      );
    if (values.print) {
      console.log(appRoleStatements({ ...loginOf(config.databaseUrl), password: undefined }).join(';\n') + ';');
      return;
    }
    if (!hasSeparateOwner(config))
      throw new Error('请设置 DATABASE_OWNER_URL（迁移和演示数据所用的所有者账号），DATABASE_URL 应是另一个账号。');
    const owner = await openOwner(config, { manageRole: 'always' }); // migrates, then creates/updates the role and its grants
    console.log(
      `数据库账号已就绪：应用以 ${loginOf(config.databaseUrl).role} 连接（不拥有任何表，审计日志与积分台账只能新增和查询）。`,
    );
    await owner.close();
    return;
  }
  const { ctx, owner, close } = await createContext(config);
  const scale = Number(values.scale ?? process.env.LINLI_DEMO_SCALE ?? 1);
  switch (command) {
    case 'migrate':
      console.log(
        `数据库迁移完成 (migrations applied)${hasSeparateOwner(config) ? '，应用账号的权限已重新授予' : ''}.`,
      );
      await close();
      return;
    case 'init': {
      if (!values.district) throw new Error('请用 --district 指定 6 位区县代码，例如 linli init --district 140213');
      const r = await initDistrict(owner.db, values.district);
      console.log(
        `已导入 ${r.district}：${r.streets} 个街道、${r.townships} 个乡镇、${r.communities} 个社区、${r.villages} 个村。`,
      );
      await close();
      return;
    }
    case 'api-key': {
      if (!values.user) throw new Error('请用 --user 指定账号，例如 linli api-key --user resident --name 居民小程序');
      const key = await createApiKey(ctx, values.user, values.name ?? 'Open311 client');
      console.log(`Open311 api_key（只显示这一次，请妥善保存）：${key}`);
      await close();
      return;
    }
    case 'demo': {
      // COPY, index drops and rebuilds: the owner's work
      const r = await loadPingchengDemo(owner, ctx.crypto, { scale, log: (m) => console.log(`  ${m}`) });
      console.log(`演示数据加载完成：${r.households} 户、${r.people} 人，用时 ${r.seconds.toFixed(1)} 秒。`);
      printLogins(r.users);
      await close();
      return;
    }
    case 'serve': {
      let users: DemoUser[] | undefined;
      if (!(await hasAnyDistrict(ctx))) {
        console.log(`首次启动：正在加载平城区演示数据（scale=${scale}）…`);
        const r = await loadPingchengDemo(owner, ctx.crypto, { scale, log: (m) => console.log(`  ${m}`) });
        console.log(`演示数据加载完成：${r.households} 户、${r.people} 人，用时 ${r.seconds.toFixed(1)} 秒。`);
        users = r.users;
      }
      if (owner !== ctx.database) await owner.close(); // from here on everything runs as the app role
      const warning = await loginWarning(ctx.database);
      if (warning) console.warn(warning);
      const { app } = await buildApp(ctx);
      // Overdue escalation: a restart-safe sweep at start (catches what fell due while down) and every minute.
      const sweep = () =>
        sweepOverdue(ctx)
          .then((n) => {
            if (n) console.log(`超期工单自动上报：${n} 张`);
          })
          .catch((err: unknown) => console.error('overdue sweep failed', err));
      // Minor protection: overdue home visits and unacknowledged referrals go to the station head, once each.
      const sweepMinor = () =>
        sweepMinorOverdue(ctx)
          .then((n) => {
            if (n.visits || n.referrals)
              console.log(`未成年人保护超期上报：探访 ${n.visits} 件，转介 ${n.referrals} 件`);
          })
          .catch((err: unknown) => console.error('minor-protection sweep failed', err));
      await sweep();
      await sweepMinor();
      const timer = setInterval(
        () => {
          void sweep();
          void sweepMinor();
        },
        Number(process.env.LINLI_SWEEP_MS ?? 60_000),
      );
      // Notification delivery: outbox → job queue → in-app / e-mail / group robots / SMS (polls briefly).
      const notifier = await startNotificationWorker(ctx, {
        onError: (err) => console.error('notification job failed', err instanceof Error ? err.message : err),
      });
      // Real-population ledger imports run in the background, one at a time, from the same job queue.
      const ledger = createLedgerWorker(ctx, {
        onError: (err) => console.error('ledger import failed', err instanceof Error ? err.message : err),
      });
      ledger.start();
      // PGlite has no autovacuum: refresh the planner statistics of tables that changed (10 % + 50 rows since
      // their last ANALYZE), one table at a time, at start and every 10 minutes. PostgreSQL has its own.
      const analyze = () =>
        analyzeChanged(ctx.database).catch((err: unknown) => console.error('scheduled ANALYZE failed', err));
      if (ctx.database.kind === 'pglite') await analyze();
      const analyzeTimer = ctx.database.kind === 'pglite' ? setInterval(() => void analyze(), 600_000) : undefined;
      const close = async () => {
        clearInterval(timer);
        clearInterval(analyzeTimer);
        await notifier.stop();
        await ledger.stop();
        await app.close();
        await ctx.database.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await app.listen({ port: config.port, host: config.host });
      console.log(
        `\n邻里 Linli 已启动：http://localhost:${config.port}  （数据库：${ctx.database.kind}，接口文档：/api/docs）`,
      );
      printLogins(users);
      return;
    }
    default:
      console.error(`未知命令：${command}\n\n${HELP}`);
      process.exitCode = 2;
      await close();
  }
}

function printLogins(users?: readonly Pick<DemoUser, 'username' | 'role' | 'displayName'>[]): void {
  const list = users ?? DEFAULT_LOGINS;
  console.log(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
  for (const u of list) console.log(`  ${u.username.padEnd(16)} ${ROLE_LABELS[u.role].padEnd(10)} ${u.displayName}`);
  console.log(`居民 resident 的积分卡号：${DEMO_POINTS_CARD}（爱心超市柜台也可用居民在“我的志愿服务”生成的到场码）`);
}

/** Shown when the demo was loaded before (no fresh list): the main roles' accounts. */
const DEFAULT_LOGINS = ['admin', 'shuibosi', 'taihe', 'xinggang', 'zhujian', 'qingyuan-sw', 'qingyuan-head'].map(
  (name) => DEMO_ACCOUNTS.find((a) => a.username === name)!,
);

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
