/**
 * npm run bench:inbox — the Inbox's list queries, counts and full-text search on a workspace of a
 * million conversations (issue 5).
 *
 * Seeds one workspace on server PostgreSQL with set-based SQL straight into the migrated tables: 50
 * teammates (half of them without `access_all_conversations`), 10 teams, contacts, 1M conversations
 * (85% closed, 10% open, 5% snoozed) with 2–5 parts each, mentions in notes, taggings and saved views;
 * the conversations' derived columns (part counts, teammates, reply statistics, waiting_since, read)
 * are computed from the parts as the write path would have left them. Then it calls the very service
 * functions the Inbox's HTTP routes call (`listInboxConversations`, `listInboxViews`,
 * `searchWorkspace`) on the pool a Frontdesk process uses (`postgresPool`: prepared statements, no JIT) —
 * the query cost without HTTP — one request at a time and from 100 pollers each refreshing once a
 * second (see BENCH_MODES), and prints
 * EXPLAIN (ANALYZE, BUFFERS) of each list statement as the service sends it (captured from Drizzle's
 * query log). One JSON object per line, then a table.
 *
 * BENCH_DATABASE_URL   the server (postgres://postgres@127.0.0.1:5432/test); a fresh database is made on it
 * BENCH_REUSE=1        keep the seeded database `frontdesk_bench_inbox` (seeded once, migrated on each run)
 * BENCH_CONVERSATIONS  1000000        BENCH_SECONDS  per shape and mode (3)
 * BENCH_MODES          1,100@1000 — "N": N requests in flight (each asks again as soon as answered: saturation);
 *                      "N@ms": N pollers each starting a request every ms, staggered (an Inbox refreshing its list)
 * BENCH_POOL           pg connections (20, as a Frontdesk process has)
 * BENCH_ONLY           a substring: measure only the shapes whose name holds it
 * BENCH_EXPLAIN=0      skip the plans
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Actor } from '../apps/server/src/platform/http/auth.ts';
import type { ConversationSort } from '@frontdesk/api-types';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { openDatabase, postgresPool } from '../apps/server/src/platform/db/database.ts';
import type { Platform } from '../apps/server/src/platform/platform.ts';
import { listInboxConversations } from '../apps/server/src/modules/inbox/list-conversations.ts';
import { listInboxViews } from '../apps/server/src/modules/inbox/views.ts';
import { searchWorkspace } from '../apps/server/src/modules/search/service.ts';
import { rolePermissions } from '../apps/server/src/modules/workspaces/roles.ts';
import { createBenchDatabase, keptBenchDatabase, percentile } from './support.ts';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const reuse = process.env.BENCH_REUSE === '1';
const conversationCount = Number(process.env.BENCH_CONVERSATIONS ?? 1_000_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
/** "N": N requests in flight (closed loop); "N@ms": N pollers, each starting a request every ms (open loop). */
const modes = (process.env.BENCH_MODES ?? '1,100@1000').split(',');
const poolSize = Number(process.env.BENCH_POOL ?? 20);
const only = process.env.BENCH_ONLY;
const explain = process.env.BENCH_EXPLAIN !== '0';
const reusableName = 'frontdesk_bench_inbox';
const teammateCount = 50;
const teamCount = 10;
const tagCount = 20;

const print = (line: object) => console.log(JSON.stringify({ bench: 'inbox', ...line }));

// ---- Seeding

/** Words of support conversations, most common first; the long tail is made of syllables (rank r drawn with weight ~1/r). */
const commonWords = (
  'the to and i you a my is it for of in on order not this have with can be please we your help was thanks but account refund payment shipping ' +
  'delivery package invoice subscription cancel password login error app update email card charge plan billing upgrade price team access ' +
  'tracking address return exchange broken damaged missing late week today tomorrow urgent issue problem working support agent customer ' +
  'number receipt discount coupon trial export import integration api webhook settings report dashboard mobile android iphone browser chrome'
).split(' ')
    .filter(Boolean);

/** Every seeding statement, in order, for `n` conversations. */
function seedStatements(n: number): { label: string; sql: string }[] {
  const contacts = Math.max(1000, Math.round(n / 4));
  const vocabulary = commonWords.length + 16 * 16 * 10;
  const words = `array[${commonWords.map((word) => `'${word}'`).join(',')}]`;
  const id = (expression: string) => `(100000000000000 + ((${expression})::bigint * 982451653) % 900000000000000)::text`;
  return [
    {
      label: 'workspace, teammates, teams, tags',
      sql: `
        insert into workspaces (id_code, name) values ('benchinbox', 'Inbox bench');
        insert into teammates (email, name, password_hash)
          select 'agent' || t || '@bench.frontdesk.test', 'Agent ' || t, 'not a hash' from generate_series(1, ${teammateCount}) t;
        insert into memberships (workspace_id, teammate_id, role, permissions)
          select w.id, tm.id, case when tm.id = 1 then 'owner' else 'agent' end,
                 case when tm.id = 1 then '${JSON.stringify(rolePermissions.owner)}'::jsonb
                      else '${JSON.stringify(rolePermissions.agent)}'::jsonb || jsonb_build_object('access_all_conversations', tm.id <= ${teammateCount / 2}) end
          from workspaces w, teammates tm;
        insert into teams (workspace_id, name) select w.id, 'Team ' || t from workspaces w, generate_series(1, ${teamCount}) t;
        -- Each teammate in one team, every third in a second one.
        insert into team_members (workspace_id, team_id, teammate_id)
          select w.id, (select id from teams order by id offset (tm.id - 1) % ${teamCount} limit 1), tm.id from workspaces w, teammates tm
          union
          select w.id, (select id from teams order by id offset (tm.id + 3) % ${teamCount} limit 1), tm.id from workspaces w, teammates tm where tm.id % 3 = 0;
        insert into tags (workspace_id, name) select w.id, 'tag-' || t from workspaces w, generate_series(1, ${tagCount}) t;
        insert into realtime_streams (workspace_id, last_seq) select id, 0 from workspaces;`,
    },
    {
      label: 'vocabulary and message bodies',
      sql: `
        create unlogged table bench_words as
          select row_number() over () as rank, word from (
            select unnest(${words}) as word
            union all
            select s1 || s2 || s3 from unnest(array['ka','lo','mi','ne','su','ta','ri','po','de','va','zu','ho','bi','ge','fo','ju']) s1,
              unnest(array['ra','le','mo','ni','sa','tu','ke','po','di','fa','go','hu','jo','ki','lu','ma']) s2,
              unnest(array['n','s','x','ll','t','r','m','k','th','z']) s3) w;
        create unlogged table bench_bodies as
          select d.b as id, '<p>' || string_agg(w.word, ' ' order by d.i) || '</p>' as body
          from (select b, i, floor(exp(random() * ln(${vocabulary + 1})))::int as rank
                from generate_series(1, 200000) b cross join lateral generate_series(1, 4 + (b * 7919) % 27) i) d
          join bench_words w on w.rank = d.rank
          group by d.b;`,
    },
    {
      label: `contacts (${contacts})`,
      sql: `
        insert into contacts (workspace_id, id, role, external_id, email, name, created_at, updated_at)
          select w.id, substr(md5('contact' || c), 1, 24), case when c % 5 = 0 then 'lead' else 'user' end,
                 case when c % 5 = 0 then null else 'ext-' || c end,
                 'customer' || c || '@example' || (c % 97) || '.com',
                 (array['Ana','Ben','Chloe','Dmitri','Elif','Farah','Gus','Hana','Ivan','Jade','Kofi','Lena','Mateo','Nora','Omar','Priya'])[1 + c % 16] || ' ' ||
                 (array['Smith','Garcia','Okafor','Kim','Rossi','Novak','Haddad','Silva','Tanaka','Berg','Dubois','Ahmed','Lopez','Meyer'])[1 + (c / 16) % 14] || ' ' || c,
                 now() - (random() * interval '900 days'), now()
          from workspaces w, generate_series(1, ${contacts}) c;`,
    },
    {
      label: 'conversation plan',
      sql: `
        create unlogged table bench_plan as
        select n, ${id('n')} as id, ${id('n * 8')} as message_id, state, p, created_at,
               least(created_at + case when state = 'closed' then r_dur * r_dur * interval '3 days' else r_dur * age end, now()) as updated_at,
               state = 'open' and r_misc < 0.6 as waiting, p >= 3 and r_note < 0.10 as has_note,
               case when r_team < 0.7 then 1 + floor(r_team / 0.7 * ${teamCount})::int end as team_n,
               case when (r_team < 0.7 and r_admin < 0.6) or (r_team >= 0.7 and r_admin < 0.5) then 1 + floor(random() * ${teammateCount})::int end as admin_n,
               1 + floor(random() * ${teammateCount})::int as other_n,
               1 + floor(random() * ${contacts})::int as contact_n,
               r_prio < case when state = 'open' then 0.05 else 0.02 end as priority,
               case when r_tag < 0.3 then floor(exp(random() * ln(${tagCount + 1})))::int end as tag_n,
               1 + floor(random() * ${teammateCount})::int as mention_n, r_seen < 0.7 as seen,
               1 + floor(random() * 200000)::int as body_n
        from (
          select n, state, 2 + floor(random() * 4)::int as p, now() - age as created_at, age, r_dur, r_misc, r_note, r_team, r_admin, r_prio, r_tag, r_seen
          from (
            select n, state, r_dur, r_misc, r_note, r_team, r_admin, r_prio, r_tag, r_seen,
                   case state when 'closed' then r_age * interval '730 days'
                              when 'open' then r_age ^ 4 * interval '180 days' + interval '1 minute'
                              else r_age ^ 2 * interval '30 days' + interval '1 minute' end as age
            from (
              select n, case when r_state < 0.85 then 'closed' when r_state < 0.95 then 'open' else 'snoozed' end as state, random() as r_age,
                     random() as r_dur, random() as r_misc, random() as r_note, random() as r_team, random() as r_admin, random() as r_prio,
                     random() as r_tag, random() as r_seen
              from (select n, random() as r_state from generate_series(1, ${n}) n) s) a) b) c;
        alter table bench_plan add column team_id bigint, add column admin_id bigint, add column author_id bigint, add column contact_id text,
                                add column contact_role text, add column tag_id bigint, add column mention_id bigint;
        update bench_plan set team_id = t.id from (select id, row_number() over (order by id) as n from teams) t where t.n = bench_plan.team_n;
        update bench_plan set admin_id = admin_n, author_id = coalesce(admin_n, other_n), mention_id = mention_n,
                              contact_id = substr(md5('contact' || contact_n), 1, 24), contact_role = case when contact_n % 5 = 0 then 'lead' else 'user' end;
        update bench_plan set tag_id = t.id from (select id, row_number() over (order by id) as n from tags) t where t.n = bench_plan.tag_n;`,
    },
    {
      label: 'conversation parts',
      sql: `
        -- Part k of p at created_at + (updated_at - created_at) * k / p: teammate and contact take turns (the teammate first),
        -- the second part is a note mentioning a teammate in 10% of them, the last one closes, snoozes or is the open
        -- conversation's last message (the contact's when the team owes an answer).
        -- Parts in the order they were written.
        insert into conversation_parts (workspace_id, conversation_id, id, part_type, body, author_type, author_id, state, created_at, updated_at)
        select w.id, x.id, ${id('x.n * 8 + x.k')}, x.part_type,
               case x.part_type when 'comment' then b.body
                                when 'note' then '<p><span data-mention="' || x.mention_id || '">@Agent ' || x.mention_id || '</span> ' || substr(b.body, 4) end,
               x.author_type, case when x.author_type = 'admin' then x.author_id::text else x.contact_id end,
               case when x.k = x.p then x.state else 'open' end, x.at, x.at
        from workspaces w, (
          select pl.*, k, pl.created_at + (pl.updated_at - pl.created_at) * k / pl.p as at,
                 case when k = p and state = 'closed' then 'close' when k = p and state = 'snoozed' then 'snoozed'
                      when k = 2 and has_note and k < p then 'note' else 'comment' end as part_type,
                 case when k = p and state = 'open' then (case when waiting then contact_role else 'admin' end)
                      when k = p or (k = 2 and has_note) or k % 2 = 1 then 'admin' else contact_role end as author_type
          from bench_plan pl cross join lateral generate_series(1, pl.p) k) x
        join bench_bodies b on b.id = 1 + (x.body_n + x.k * 7919) % 200000
        order by x.at;`,
    },
    {
      label: 'conversations (statistics from their parts)',
      sql: `
        insert into conversations (workspace_id, id, title, state, read, priority, admin_assignee_id, team_assignee_id, teammate_ids, snoozed_until,
          waiting_since, source, first_contact_reply_at, first_admin_reply_at, first_assignment_at, last_assignment_at, last_assignment_admin_reply_at,
          last_contact_reply_at, last_admin_reply_at, first_close_at, last_close_at, last_closed_by_id, count_assignments, count_conversation_parts,
          created_at, updated_at)
        select w.id, pl.id, null, pl.state, s.last_admin is not null and s.last_admin > coalesce(s.last_contact, pl.created_at), pl.priority, pl.admin_id, pl.team_id, array[pl.author_id],
               case when pl.state = 'snoozed' then now() + interval '1 hour' + random() * interval '7 days' end,
               case when pl.state <> 'closed' then s.waiting_from end,
               jsonb_build_object('type', 'conversation', 'id', pl.message_id, 'delivered_as', 'customer_initiated', 'subject', '',
                 'body', b.body, 'author', jsonb_build_object('type', pl.contact_role, 'id', pl.contact_id), 'attachments', '[]'::jsonb, 'url', null, 'redacted', false),
               pl.created_at, s.first_admin, case when pl.team_id is not null or pl.admin_id is not null then pl.created_at end,
               case when pl.team_id is not null or pl.admin_id is not null then pl.created_at end,
               case when pl.team_id is not null or pl.admin_id is not null then s.first_admin end,
               coalesce(s.last_contact, pl.created_at), s.last_admin,
               case when pl.state = 'closed' then pl.updated_at end, case when pl.state = 'closed' then pl.updated_at end,
               case when pl.state = 'closed' then pl.author_id end,
               (pl.team_id is not null)::int + (pl.admin_id is not null)::int, s.parts, pl.created_at, pl.updated_at
        from workspaces w, bench_plan pl
        join bench_bodies b on b.id = pl.body_n
        join (
          select conversation_id, count(*)::int as parts,
                 min(created_at) filter (where author_type = 'admin' and part_type = 'comment') as first_admin,
                 max(created_at) filter (where author_type = 'admin' and part_type = 'comment') as last_admin,
                 max(created_at) filter (where author_type <> 'admin' and part_type = 'comment') as last_contact,
                 -- The contact's first message that no teammate answered yet (a teammate's reply clears waiting_since).
                 min(created_at) filter (where author_type <> 'admin' and part_type = 'comment' and created_at > coalesce(answered, '-infinity')) as waiting_from
          from (select conversation_id, created_at, author_type, part_type,
                       max(created_at) filter (where author_type = 'admin' and part_type = 'comment') over (partition by conversation_id) as answered
                from conversation_parts) p
          group by conversation_id) s on s.conversation_id = pl.id
        -- In the order the rows' current versions were written (an update writes a new version at the table's end), so
        -- the live conversations sit together as they do in a real table, not scattered among the closed ones.
        order by pl.updated_at;`,
    },
    {
      label: 'participants, mentions, taggings, saved views',
      sql: `
        insert into conversation_contacts (workspace_id, conversation_id, contact_id, added_at, seen_at)
          select w.id, pl.id, pl.contact_id, pl.created_at, case when pl.state = 'closed' then pl.updated_at end from workspaces w, bench_plan pl;
        -- The read models of mentions and taggings are filled here in one pass each, as their migrations backfill
        -- them: their triggers, row by row over a table without indexes, took longer than the rest of the seed.
        set session_replication_role = replica;
        insert into mentions (workspace_id, teammate_id, part_id, conversation_id, mentioned_by, created_at, seen_at)
          select w.id, pl.mention_id, ${id('pl.n * 8 + 2')}, pl.id, pl.author_id, pl.created_at + (pl.updated_at - pl.created_at) * 2 / pl.p,
                 case when pl.seen then pl.updated_at end
          from workspaces w, bench_plan pl where pl.has_note and pl.p >= 3;
        insert into taggings (workspace_id, tag_id, target_type, target_id, applied_by, applied_at)
          select w.id, pl.tag_id, 'conversation', pl.id, pl.author_id, pl.created_at from workspaces w, bench_plan pl where pl.tag_id is not null;
        update conversations c set mentioned_ids = m.mentioned_ids
          from (select workspace_id, conversation_id, array_agg(distinct teammate_id order by teammate_id) as mentioned_ids
                from mentions group by workspace_id, conversation_id) m
          where c.workspace_id = m.workspace_id and c.id = m.conversation_id;
        update conversations c set tag_ids = t.tag_ids
          from (select workspace_id, target_id, array_agg(tag_id order by tag_id) as tag_ids
                from taggings where target_type = 'conversation' group by workspace_id, target_id) t
          where c.workspace_id = t.workspace_id and c.id = t.target_id;
        insert into tagged_conversations (workspace_id, tag_id, id, state, priority, admin_assignee_id, team_assignee_id, waiting_since, created_at, updated_at)
          select c.workspace_id, tag_id, c.id, c.state, c.priority, c.admin_assignee_id, c.team_assignee_id, c.waiting_since, c.created_at, c.updated_at
          from conversations c, unnest(c.tag_ids) as tag_id;
        set session_replication_role = origin;
        insert into saved_views (workspace_id, name, filters, created_by)
          select w.id, v.name, v.filters, 1 from workspaces w, (values
            ('Refund requests', jsonb_build_object('tag_id', (select tags.id::text from tags order by tags.id offset 2 limit 1))),
            ('Priority for Team 1', jsonb_build_object('priority', true, 'team_assignee_id', (select teams.id::text from teams order by teams.id limit 1))),
            ('Nobody on it', jsonb_build_object('admin_assignee_id', 'none'))) v(name, filters);
        drop table bench_plan, bench_bodies, bench_words;`,
    },
  ];
}

// Their indexes are dropped while seeding.
const seededTables = ['contacts', 'conversations', 'conversation_openings', 'conversation_parts', 'conversation_contacts', 'mentions', 'taggings', 'tagged_conversations'];

/** Seeds the bench workspace: indexes and primary keys of the big tables are dropped first and built again after (much faster). */
async function seed(databaseUrl: string, mark: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  try {
    await client.query(`set synchronous_commit = off; set maintenance_work_mem = '1GB'; set work_mem = '256MB'; set max_parallel_maintenance_workers = 2`);
    const indexes = await dropIndexes(client, seededTables);
    for (const step of seedStatements(conversationCount)) {
      const stepStarted = performance.now();
      await client.query(step.sql);
      print({ scenario: 'seed', step: step.label, seconds: Math.round((performance.now() - stepStarted) / 100) / 10 });
    }
    const indexStarted = performance.now();
    await restoreIndexes(client, indexes);
    print({ scenario: 'seed', step: `indexes (${indexes.length})`, seconds: Math.round((performance.now() - indexStarted) / 100) / 10 });
    await client.query('vacuum analyze');
    const sizes = await client.query(
      `select relname as table, n_live_tup::bigint as rows, pg_size_pretty(pg_total_relation_size(relid)) as size
       from pg_stat_user_tables where relname = any($1) order by relname`,
      [seededTables],
    );
    await client.query(`comment on database "${client.database}" is '${mark}'`);
    print({ scenario: 'seeded', seconds: Math.round((performance.now() - started) / 1000), tables: sizes.rows });
  } finally {
    await client.end();
  }
}

/** Drops the tables' secondary indexes and primary keys, returning what rebuilds them. */
async function dropIndexes(client: pg.Client, tables: string[]): Promise<string[]> {
  const { rows: keys } = await client.query<{ table: string; name: string; definition: string }>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
     from pg_constraint where contype = 'p' and conrelid::regclass::text = any($1)`,
    [tables],
  );
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `select indexname as name, indexdef as definition from pg_indexes
     where schemaname = 'public' and tablename = any($1) and indexname not in (select conname from pg_constraint)`,
    [tables],
  );
  for (const index of indexes) await client.query(`drop index "${index.name}"`);
  for (const key of keys) await client.query(`alter table "${key.table}" drop constraint "${key.name}"`);
  return [
    ...keys.map((key) => `alter table "${key.table}" add constraint "${key.name}" ${key.definition}`),
    ...indexes.map((index) => index.definition),
  ];
}

async function restoreIndexes(client: pg.Client, statements: string[]) {
  for (const statement of statements) await client.query(statement);
}

async function databaseComment(databaseUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ comment: string | null }>(`select shobj_description(oid, 'pg_database') as comment from pg_database where datname = current_database()`);
    return rows[0]?.comment ?? null;
  } finally {
    await client.end();
  }
}

// ---- Measuring

interface Captured {
  query: string;
  params: unknown[];
}

interface Shape {
  name: string;
  kind: 'list' | 'counts' | 'search';
  run: () => Promise<unknown>;
}

interface Result {
  shape: string;
  mode: string;
  requests: number;
  errors: number;
  per_second: number;
  p50_ms: number;
  p99_ms: number;
}

/**
 * Runs `operation` for `seconds` in one mode (see BENCH_MODES), recording each latency: from
 * `concurrency` loops that ask again when answered, or from pollers that start one every `every` ms.
 */
async function load(shape: string, mode: string, operation: () => Promise<unknown>): Promise<Result> {
  const [concurrency, every] = mode.split('@').map(Number) as [number, number | undefined];
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const cpu = process.cpuUsage();
  // How long this process's event loop was kept from running (a stall here delays every request in flight).
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const once = async () => {
    const begin = performance.now();
    try {
      await operation();
    } catch (error) {
      errors++;
      firstError ??= error;
    }
    latencies.push(performance.now() - begin);
  };
  await Promise.all(
    Array.from({ length: concurrency }, async (_, poller) => {
      if (every === undefined) {
        while (performance.now() < deadline) await once();
        return;
      }
      const inFlight: Promise<void>[] = [];
      for (let next = started + (poller * every) / concurrency; next < deadline; next += every) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
        inFlight.push(once());
      }
      await Promise.all(inFlight);
    }),
  );
  if (firstError) console.error(shape, firstError);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const result = {
    shape,
    mode,
    requests: latencies.length,
    errors,
    per_second: Math.round((latencies.length - errors) / elapsed),
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
  };
  // This process's CPU per request: the service's JavaScript and the driver, next to PostgreSQL's share of the 2 cores.
  const used = process.cpuUsage(cpu);
  loopDelay.disable();
  print({
    scenario: 'measure',
    ...result,
    node_cpu_ms_per_request: Number(((used.user + used.system) / 1000 / Math.max(1, latencies.length)).toFixed(2)),
    event_loop_delay_p99_ms: Number((loopDelay.percentile(99) / 1e6).toFixed(1)),
    event_loop_delay_max_ms: Number((loopDelay.max / 1e6).toFixed(1)),
  });
  return result;
}

/** The plan tree's node lines, shortened: what a note quotes. */
function planTree(lines: string[]): string[] {
  return lines
    .filter((line) => /->|^\S/.test(line) || /Index Cond|Filter|Rows Removed|Buffers: shared/.test(line))
    .map((line) => line.replace(/\s+\(cost=[^)]*\)/, ''));
}

async function main() {
  const kept = reuse ? await keptBenchDatabase(serverUrl, reusableName) : undefined;
  const target = kept ?? (await createBenchDatabase(serverUrl));
  const seededMark = `bench:inbox seed 2, ${conversationCount} conversations`;
  // A kept database seeded for another size, or whose seeding was cut short, starts again empty.
  if (kept && (await databaseComment(kept.url)) !== seededMark) await kept.recreate();
  print({ scenario: 'setup', load_average: os.loadavg().map((load) => Number(load.toFixed(1))), cpus: os.cpus().length, node: process.version, reuse, conversations: conversationCount, seconds, modes, pool: poolSize });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-bench-inbox-'));
  try {
    // Migrations, as a Frontdesk process applies them at start (a kept database gets new ones here).
    const migrated = await openDatabase({ databaseUrl: target.url, dataDir });
    await migrated.close();
    if ((await databaseComment(target.url)) !== seededMark) await seed(target.url, seededMark);

    // The pool as a Frontdesk process has it: statements seen twice are prepared, so generic plans are measured too.
    const pool = postgresPool(target.url, poolSize);
    let capture: Captured[] | undefined;
    const orm = drizzle(pool, { logger: { logQuery: (query, params) => capture?.push({ query, params }) } });
    const db = orm as unknown as Parameters<typeof listInboxConversations>[0];
    const platform = { database: { kind: 'postgres', orm, transaction: (work: never) => orm.transaction(work) } } as unknown as Platform;
    const facts = await pool.query<{ workspace_id: string; agent: string; team: string; team_agent_in: string }>(
      `select w.id as workspace_id, m.teammate_id as agent,
              (select team_id from team_members where teammate_id = m.teammate_id order by team_id limit 1) as team_agent_in,
              (select id from teams order by id limit 1) as team
       from workspaces w join memberships m on m.workspace_id = w.id
       where not (m.permissions ->> 'access_all_conversations')::boolean and m.teammate_id % 3 = 0 order by m.teammate_id limit 1`,
    );
    const fact = facts.rows[0];
    if (!fact) throw new Error('the bench workspace is not seeded');
    const savedView = (await pool.query<{ id: string }>(`select id from saved_views where name = 'Refund requests'`)).rows[0]?.id;
    // A teammate without access_all_conversations, in two teams: the visibility rule is in every statement.
    const actor: Actor = {
      workspaceId: Number(fact.workspace_id),
      teammateId: Number(fact.agent),
      role: 'agent',
      permissions: { ...rolePermissions.agent, access_all_conversations: false },
      via: 'session',
    };
    const views = ['mine', 'mentions', 'unassigned', 'all', `team:${fact.team_agent_in}`, `view:${savedView}`];
    const sorts: ConversationSort[] = ['newest', 'oldest', 'waiting_longest', 'priority'];

    // A deep keyset page: the cursor after ~2000 rows (or the last full page of a shorter list).
    const deepCursor = async (view: string, sort: ConversationSort) => {
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const found = await listInboxConversations(db, actor, { view, sort, per_page: 100, ...(cursor ? { cursor } : {}) });
        if (!found.next) break;
        cursor = found.next;
      }
      return cursor;
    };

    const shapes: Shape[] = [{ name: 'counts (sidebar: every view)', kind: 'counts', run: () => listInboxViews(db, actor) }];
    for (const view of views) {
      for (const sort of sorts) {
        const label = `${view.replace(/:\d+$/, '')} ${sort}`;
        if (only && ![`list ${label} first`, `list ${label} deep`].some((name) => name.includes(only))) continue;
        shapes.push({ name: `list ${label} first`, kind: 'list', run: () => listInboxConversations(db, actor, { view, sort }) });
        const cursor = await deepCursor(view, sort);
        if (cursor) shapes.push({ name: `list ${label} deep`, kind: 'list', run: () => listInboxConversations(db, actor, { view, sort, cursor }) });
      }
    }
    const searches = ['refund', 'password login', 'kalon', 'zujoth', 'deliv', 'Priya Tanaka', 'customer1234@example70.com'];
    for (const q of searches) shapes.push({ name: `search "${q}"`, kind: 'search', run: () => searchWorkspace(platform, actor, q, 10) });
    const selected = shapes.filter((shape) => !only || shape.name.includes(only));

    const plans: { shape: string; statement: string; plan: string[] }[] = [];
    if (explain) {
      for (const shape of selected) {
        capture = [];
        await shape.run();
        // The list's page and count, the sidebar's counts, and search's ranked hits (the statements that read conversations or contacts).
        // Settings the service makes for its transaction (search's set_config), replayed before each plan.
        const settings = capture.filter((entry) => /^select set_config\(/.test(entry.query));
        const statements = capture.filter((entry) => /^(select|with)\b/.test(entry.query) && /from "conversations"|from conversation_parts|from contacts\b/.test(entry.query));
        capture = undefined;
        for (const statement of statements) {
          const kind = /^select to_json\(array\[/.test(statement.query)
            ? 'count'
            : /^with details/.test(statement.query)
              ? 'what the rows show'
              : /^with/.test(statement.query)
                ? 'search'
                : 'page';
          const client = await pool.connect();
          let plan: string[];
          try {
            await client.query('begin');
            for (const setting of settings) await client.query(setting.query, setting.params as unknown[]);
            const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${statement.query}`, statement.params as unknown[]);
            plan = rows.map((row) => row['QUERY PLAN']);
          } finally {
            await client.query('rollback');
            client.release();
          }
          plans.push({ shape: shape.name, statement: kind, plan: planTree(plan) });
          print({ scenario: 'explain', shape: shape.name, statement: kind, sql: statement.query, params: statement.params, plan });
        }
      }
    }

    // Steady state, as in a server that has been up a while: every pool connection has run every statement
    // once (a new backend first loads the catalog entries and prepares each statement it is sent).
    for (const shape of selected) await Promise.all(Array.from({ length: poolSize }, () => shape.run()));
    const results: Result[] = [];
    for (const shape of selected) {
      for (const mode of modes) results.push(await load(shape.name, mode, shape.run));
    }
    await pool.end();

    const worst = (kind: Shape['kind'], mode: string) =>
      Math.max(...results.filter((r) => r.mode === mode && selected.find((s) => s.name === r.shape)?.kind === kind).map((r) => r.p99_ms), 0);
    const summary = Object.fromEntries(
      modes.flatMap((mode) => [
        [`list_p99_ms_${mode}`, worst('list', mode)],
        [`counts_p99_ms_${mode}`, worst('counts', mode)],
        [`search_p99_ms_${mode}`, worst('search', mode)],
      ]),
    );
    print({ scenario: 'summary', load_average: os.loadavg().map((load) => Number(load.toFixed(1))), measured: 'service functions on one pg pool (no HTTP)', targets: { list_p99_ms: 20, search_p99_ms: 50 }, ...summary });

    const modeName = (mode: string) => (mode.includes('@') ? `${mode.split('@')[0]} pollers/${mode.split('@')[1]}ms` : `${mode} in flight`);
    console.log(`\nInbox bench — ${conversationCount} conversations; service functions called directly (no HTTP); pool ${poolSize}; ${seconds}s per cell`);
    console.log(['shape'.padEnd(40), ...modes.map((mode) => `${modeName(mode)}: p50/p99 ms (req/s)`.padStart(36))].join(' '));
    for (const shape of selected) {
      const cells = modes.map((mode) => {
        const r = results.find((candidate) => candidate.shape === shape.name && candidate.mode === mode);
        return r ? `${r.p50_ms} / ${r.p99_ms} (${r.per_second})${r.errors ? ` ${r.errors} err` : ''}`.padStart(36) : ''.padStart(36);
      });
      console.log([shape.name.padEnd(40), ...cells].join(' '));
    }
    if (plans.length) {
      console.log('\nPlans (EXPLAIN ANALYZE, BUFFERS; node lines)');
      for (const plan of plans) console.log(`\n# ${plan.shape} — ${plan.statement}\n${plan.plan.join('\n')}`);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (!reuse) await target.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
