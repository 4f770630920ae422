-- The deadline metrics (app.DeadlineMetrics) count open and missed tasks every refresh interval; the
-- kommun-first index cannot answer "all kommuner", this one answers it from the index alone.
create index episode_task_state_due on episode_task (state, due_at);
