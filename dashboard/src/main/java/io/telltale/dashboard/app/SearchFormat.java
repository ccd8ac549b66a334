package io.telltale.dashboard.app;

/** How {@code telltale search} prints its hits. */
enum SearchFormat {
    TABLE, JSONL, CSV
}
