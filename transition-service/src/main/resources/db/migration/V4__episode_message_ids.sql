-- LUS messages by their id: the FHIR gateway reads a Communication by its id (the message id) and
-- looks up the episode that holds it (GET /episodes?messageId=). Messages live inside the episode
-- document; this table holds only the id → episode pairs, written in the same transaction as the
-- episode version that adds the message (one small insert per message, nothing per receipt or tick).
-- A message id is unique across episodes from here on: the same id sent to another episode is
-- refused with 409 (TRANSITION-307). No index on episode_id: nothing looks messages up by episode
-- (the document holds them), and episodes are never deleted.
create table episode_message (
    message_id  uuid primary key,
    episode_id  uuid not null references episode (id)
);

-- Backfill from the stored documents. Ids were unique only per episode until now: should two
-- episodes share one (client-chosen ids), the first episode recorded keeps it for lookups.
insert into episode_message (message_id, episode_id)
select (m ->> 'id')::uuid, e.id
from episode e cross join lateral json_array_elements(e.document -> 'messages') m
order by e.created_at, e.id
on conflict (message_id) do nothing;
