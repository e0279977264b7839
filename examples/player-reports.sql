-- Sessions per player tier and status. LEFT JOIN: sessions whose user has no player row count under '(no player)'.
SELECT COALESCE(p.tier, '(no player)') AS tier, s.status, COUNT(*) AS sessions
FROM gameliftstreams.account_stream_sessions AS s
LEFT JOIN players.players AS p ON p.user_id = s.user_id
GROUP BY COALESCE(p.tier, '(no player)'), s.status
ORDER BY tier, s.status;

-- Players whose sessions ended in ERROR, per status_reason (status = 'ERROR' is sent to the API as a filter).
SELECT p.user_id, p.display_name, p.country, s.status_reason, COUNT(*) AS error_sessions
FROM players.players AS p
JOIN gameliftstreams.account_stream_sessions AS s ON s.user_id = p.user_id
WHERE s.status = 'ERROR'
GROUP BY p.user_id, p.display_name, p.country, s.status_reason
ORDER BY error_sessions DESC, p.user_id, s.status_reason;

-- File export outcome per player country, over the sessions that export files.
SELECT p.country, s.export_status, COUNT(*) AS sessions
FROM gameliftstreams.account_stream_sessions AS s
JOIN players.players AS p ON p.user_id = s.user_id
WHERE s.export_status IS NOT NULL
GROUP BY p.country, s.export_status
ORDER BY p.country, s.export_status;

-- Each player's session count and last session start. LEFT JOIN: players who never streamed show 0 and NULL.
SELECT p.user_id, p.display_name, p.tier, COUNT(s.arn) AS sessions, MAX(s.created_at) AS last_session_at
FROM players.players AS p
LEFT JOIN gameliftstreams.account_stream_sessions AS s ON s.user_id = p.user_id
GROUP BY p.user_id, p.display_name, p.tier
ORDER BY sessions, p.user_id;

-- Players' sessions per application and stream class: stream_sessions -> stream_groups -> applications.
SELECT a.region, a.description AS application, g.stream_class, p.tier, COUNT(*) AS sessions
FROM gameliftstreams.stream_sessions AS s
JOIN gameliftstreams.stream_groups AS g ON g.id = s.stream_group_id AND g.region = s.region
JOIN gameliftstreams.applications AS a ON a.id = g.default_application_id AND a.region = g.region
JOIN players.players AS p ON p.user_id = s.user_id
GROUP BY a.region, a.description, g.stream_class, p.tier
ORDER BY a.region, application, g.stream_class, p.tier;
