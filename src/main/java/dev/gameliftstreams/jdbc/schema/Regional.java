package dev.gameliftstreams.jdbc.schema;

/** An API item with the region whose endpoint listed it. */
record Regional<T>(T item, String region) {
}
