-- Estimated cost per region and stream class: session seconds (last_updated_at - created_at) x the H2 hourly rate.
SELECT g.region, g.stream_class, COUNT(*) AS sessions,
       SUM(TIMESTAMPDIFF(SECOND, s.created_at, s.last_updated_at)) AS session_seconds,
       r.usd_per_hour,
       ROUND(SUM(TIMESTAMPDIFF(SECOND, s.created_at, s.last_updated_at)) * r.usd_per_hour / 3600, 2) AS cost_usd
FROM gameliftstreams.account_stream_sessions AS s
JOIN gameliftstreams.stream_groups AS g ON g.id = s.stream_group_id AND g.region = s.region
JOIN billing.stream_class_rates AS r ON r.stream_class = g.stream_class
GROUP BY g.region, g.stream_class, r.usd_per_hour
ORDER BY g.region, g.stream_class;

-- Every rated stream class with its number of stream groups. LEFT JOIN from the H2 table: unused rates show 0.
SELECT r.stream_class, r.usd_per_hour, COUNT(g.id) AS stream_groups
FROM billing.stream_class_rates AS r
LEFT JOIN gameliftstreams.stream_groups AS g ON g.stream_class = r.stream_class
GROUP BY r.stream_class, r.usd_per_hour
ORDER BY r.stream_class;
