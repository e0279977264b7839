-- H2 init script of billing-model.json: hourly rates per stream class (illustrative, not AWS prices).
-- H2 runs INIT on every new connection, so the script must be idempotent.
CREATE TABLE IF NOT EXISTS stream_class_rates (
  stream_class VARCHAR(32) PRIMARY KEY,
  usd_per_hour DECIMAL(10, 4) NOT NULL
);
MERGE INTO stream_class_rates (stream_class, usd_per_hour) KEY (stream_class) VALUES
  ('gen4n_high', 0.8360),
  ('gen5n_ultra', 1.4750),
  ('gen6n_medium', 0.6020),
  ('gen5n_win2022', 2.0110),
  ('gen4n_ultra', 1.2090),
  ('gen6n_large', 0.9870);
