package io.telltale.analysis.index;

import io.telltale.analysis.index.query.QueryException;
import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The read side of the index, for the CLI and the dashboard. Thread-safe. */
public interface FlowSearch extends Closeable {

    SearchPage search(SearchRequest request) throws IOException, QueryException;

    /** Every document of one flow (its interim records too), in order; empty when the uid is unknown. */
    List<SearchPage.FlowHit> flow(String uid) throws IOException;

    /** Every document of these flows (by numeric id), oldest first. */
    List<SearchPage.FlowHit> flowsById(Collection<Long> ids) throws IOException;

    /** The alerts with this id as they fired (JSON objects), newest last; empty when unknown. */
    List<Map<String, Object>> alert(String id) throws IOException;

    /** The flows an alert names as its evidence (every time it fired), oldest first; empty when the id is unknown. */
    default List<SearchPage.FlowHit> evidence(String alertId) throws IOException {
        List<Long> ids = new java.util.ArrayList<>();
        for (Map<String, Object> alert : alert(alertId)) {
            if (alert.get("flowIds") instanceof List<?> list) {
                list.forEach(id -> ids.add(((Number) id).longValue()));
            }
        }
        return ids.isEmpty() ? List.of() : flowsById(ids);
    }

    /** Sees what was committed since it was opened. */
    void refresh() throws IOException;
}
