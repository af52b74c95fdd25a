-- 0008: the event feed behind WatchEvents. One row per journey event, with
-- the pupil's scope when it was recorded, written in the event's own
-- transaction. The feed is retained for a limited time (compacted by the
-- scheduler); the chronology itself (journey_events) is never compacted.

CREATE TABLE event_feed (
  revision INTEGER PRIMARY KEY,          -- = journey_events.revision
  journey_id TEXT NOT NULL,
  pupil_id TEXT NOT NULL,
  setting_urn TEXT NOT NULL,
  local_authority_code TEXT NOT NULL,
  record_time INTEGER NOT NULL
);
CREATE INDEX event_feed_by_time ON event_feed(record_time);

-- Feed rows up to compacted_revision have been removed.
CREATE TABLE feed_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  compacted_revision INTEGER NOT NULL
);
INSERT INTO feed_state (id, compacted_revision) VALUES (1, 0);

INSERT INTO event_feed
  SELECT e.revision, e.journey_id, j.pupil_id, p.setting_urn,
         p.local_authority_code, e.record_time
  FROM journey_events e JOIN journeys j ON j.id = e.journey_id
  JOIN pupils p ON p.id = j.pupil_id;
