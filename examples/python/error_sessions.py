"""ERROR sessions per player tier, from Python: pandas.read_sql over this driver's JDBC connection.

The connection opens examples/players-model.json through the driver (jdbc:gameliftstreams:model=...): the
sessions of the demo emulator beside the CSV of players (Calcite's file adapter), joined in one query whose
status predicate becomes the API's Status filter.

JayDeBeApi connects through JPype (pip install JayDeBeApi pandas). Where only JPype is installed (Debian:
apt-get install python3-jpype python3-pandas), JPype's own DB-API module, jpype.dbapi2, takes its place.

    mvn -B -q package -DskipTests
    python3 examples/python/error_sessions.py [target/gameliftstreams-jdbc.jar]

Run it from the project root: the model's path is relative to the working directory. It prints the report as
tab-separated values, with last_error_at as timezone-aware UTC datetimes.
"""
import os
import sys
import warnings

import jpype
import pandas as pd

JAR = sys.argv[1] if len(sys.argv) > 1 else "target/gameliftstreams-jdbc.jar"
DRIVER = "dev.gameliftstreams.jdbc.driver.GameLiftStreamsDriver"
URL = "jdbc:gameliftstreams:model=examples/players-model.json"
# Debian's python3-jpype keeps JPype's own jar apart; it must be on the class path with the driver.
DEBIAN_JPYPE_JAR = "/usr/share/java/org.jpype.jar"

# status = ? is pushed: only ERROR sessions are listed by the API.
SQL = """
select p.tier, s.status_reason, count(*) as sessions, max(s.created_at) as last_error_at
from account_stream_sessions s
join players.players p on p.user_id = s.user_id
where s.status = ?
group by p.tier, s.status_reason
order by p.tier, s.status_reason
"""


def connect():
    # JayDeBeApi and jpype.dbapi2 both turn a TIMESTAMP into a Python datetime through java.sql.Timestamp,
    # that is in the JVM's default zone: start the JVM in UTC, and the datetimes are the API's UTC wall clock
    # whatever the machine's zone.
    classpath = [JAR] + ([DEBIAN_JPYPE_JAR] if os.path.exists(DEBIAN_JPYPE_JAR) else [])
    jpype.startJVM("-Duser.timezone=UTC", classpath=classpath)
    try:
        import jaydebeapi
    except ImportError:
        from jpype import dbapi2
        return dbapi2.connect(URL)
    return jaydebeapi.connect(DRIVER, URL, jars=[JAR])


def main():
    # pandas reads any DB-API connection; it only warns that it tests SQLAlchemy's and sqlite3's.
    warnings.filterwarnings("ignore", message="pandas only supports SQLAlchemy", category=UserWarning)
    connection = connect()
    try:
        report = pd.read_sql(SQL, connection, params=["ERROR"])
    finally:
        connection.close()
    # Naive UTC wall clock to timezone-aware UTC datetimes.
    report["last_error_at"] = pd.to_datetime(report["last_error_at"]).dt.tz_localize("UTC")
    print(report.to_csv(sep="\t", index=False), end="")


if __name__ == "__main__":
    main()
