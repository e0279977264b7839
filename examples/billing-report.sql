-- Estimated cost per region and stream class: session seconds (last_updated_at - created_at) x the H2 hourly rate.
SELECT g.region, g.stream_class, COUNT(*) AS sessions,
       SUM(TIMESTAMPDIFF(SECOND, s.created_at, s.last_updated_at)) AS session_seconds,
       r.usd_per_hour,
       CAST(SUM(TIMESTAMPDIFF(SECOND, s.created_at, s.last_updated_at)) * r.usd_per_hour / 3600 AS DECIMAL(12, 2)) AS cost_usd
FROM gameliftstreams.account_stream_sessions AS s
JOIN gameliftstreams.stream_groups AS g ON g.id = s.stream_group_id AND g.region = s.region
JOIN billing.stream_class_rates AS r ON r.stream_class = g.stream_class
GROUP BY g.region, g.stream_class, r.usd_per_hour
ORDER BY g.region, g.stream_class;

-- Stream classes with a rate but no stream group: LEFT JOIN from the H2 table keeps them with 0 groups.
SELECT r.stream_class, r.usd_per_hour, COUNT(g.id) AS stream_groups
FROM billing.stream_class_rates AS r
LEFT JOIN gameliftstreams.stream_groups AS g ON g.stream_class = r.stream_class
GROUP BY r.stream_class, r.usd_per_hour
ORDER BY r.stream_class;
