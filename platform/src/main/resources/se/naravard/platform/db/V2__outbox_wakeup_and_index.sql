-- 1. NOTIFY takes a cluster-wide lock in PreCommit_Notify and holds it until the commit record is
--    flushed: every notifying commit, fsync included, runs one at a time. Measured on this project's
--    outbox: 3,500-4,500 commits/s with the trigger against 8,100-9,250 without (docs/benchmarks.md).
--    The relay is now woken in-process after commit, and polls for other instances' rows.
drop trigger outbox_event_inserted on outbox_event;
drop function outbox_event_notify();

-- 2. The relay reads unsent rows of its lanes in global seq order. An index on (lane, seq) cannot
--    give that order for several lanes, so the planner walked the primary key past every sent row:
--    each batch got slower through a drain. A partial index on seq reads exactly one batch.
drop index outbox_event_pending;
create index outbox_event_pending on outbox_event (seq) where sent_at is null;
