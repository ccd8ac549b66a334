package io.telltale.analysis.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day's index written by the version before the flow source moved to doc values and the Community
 * ID to the doc values of its hash keeps being read and searched when this version appends to it:
 * an appliance upgraded at noon has both kinds of document in today's partition, in separate segments
 * and, once merged, in one.
 */
class OlderFlowDocumentsTest {

    @TempDir
    Path dataDir;

    @Test
    void olderDocumentsReadAndSearchBesideNewOnes() throws Exception {
        List<FlowRecord> flows = new ArrayList<>();
        for (MonitorEvent event : AnalysedCapture.events(IndexAgreementTest.examplePcap(), FlowConfig.DEFAULTS)) {
            if (event instanceof FlowEvent f && f.flow().hasPorts() && f.flow().communityId() != null) {
                flows.add(f.flow());
            }
        }
        FlowRecord older = flows.get(0);
        FlowRecord newer = flows.stream().filter(f -> IndexLayout.day(f.startNanos()).equals(IndexLayout.day(older.startNanos()))
                && !f.communityId().equals(older.communityId())).findFirst().orElseThrow();
        IndexLayout layout = new IndexLayout(dataDir);
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(layout.partition(IndexLayout.day(older.startNanos()))),
                LuceneFlowIndex.config(null))) {
            writer.addDocument(asWrittenBefore(older));
        }
        try (LuceneFlowIndex index = new LuceneFlowIndex(layout, new FlowDocuments(IndexSchema.standard(),
                FlowDocuments.Enrichment.NONE))) {
            index.addFlow(newer, 0, List.of(), null);
        }
        checkBoth(layout, older, newer);
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(layout.partition(IndexLayout.day(older.startNanos()))),
                LuceneFlowIndex.config(null))) {
            writer.forceMerge(1); // one segment, with the new source's doc values, and a document without them
        }
        checkBoth(layout, older, newer);
    }

    private static void checkBoth(IndexLayout layout, FlowRecord older, FlowRecord newer) throws Exception {
        try (LuceneFlowSearch search = new LuceneFlowSearch(layout, IndexSchema.standard())) {
            for (FlowRecord flow : List.of(older, newer)) {
                SearchPage page = search.search(SearchRequest.of("community_id:\"" + flow.communityId() + "\"").withLimit(10));
                assertThat(page.hits()).as("found by its Community ID").singleElement().satisfies(hit -> {
                    assertThat(hit.uid()).isEqualTo(flow.uid());
                    assertThat(hit.startNanos()).isEqualTo(flow.startNanos());
                    Map<String, Object> fields = hit.fields();
                    assertThat(fields).containsEntry("flow.start", flow.startNanos())
                            .containsEntry("flow.end", flow.startNanos() + Math.max(0, flow.durationNanos()))
                            .containsEntry("ip.src", flow.originatorHost()).containsEntry("ip.dst", flow.responderHost())
                            .containsEntry("flow.community_id", flow.communityId());
                });
            }
            assertThat(search.search(SearchRequest.of("ip:" + older.originatorHost()).withLimit(0)).total()).isPositive();
            assertThat(search.search(SearchRequest.of("").withLimit(0)).total()).isEqualTo(2);
        }
    }

    /**
     * The flow's document as the version before wrote it: this version's fields, but the source in the
     * stored field (with the start, end, id and addresses' text in it) and the Community ID a keyword.
     */
    private static List<IndexableField> asWrittenBefore(FlowRecord flow) {
        List<IndexableField> fields = new ArrayList<>();
        for (IndexableField field : new FlowDocuments(IndexSchema.standard(), FlowDocuments.Enrichment.NONE)
                .fields(flow, 0, List.of(), null)) {
            if (!field.name().equals(IndexSchema.SOURCE_VALUES) && !field.name().equals(IndexSchema.COMMUNITY_HASH)) {
                fields.add(field);
            }
        }
        fields.add(new StringField(FlowFields.COMMUNITY_ID.name(), flow.communityId(), Field.Store.NO));
        SourceCodec.Writer source = new SourceCodec.Writer();
        long duration = Math.max(0, flow.durationNanos());
        source.value(SourceCodec.code(FlowFields.START.name()), flow.startNanos());
        source.value(SourceCodec.code(FlowFields.END.name()), flow.startNanos() + duration);
        source.value(SourceCodec.code(FlowFields.DURATION.name()), duration);
        source.value(SourceCodec.code(FlowFields.SOURCE.name()), flow.originatorHost());
        source.value(SourceCodec.code(FlowFields.DESTINATION.name()), flow.responderHost());
        source.value(SourceCodec.code(FlowFields.COMMUNITY_ID.name()), flow.communityId());
        source.value(SourceCodec.code(IndexSchema.ID_KEY), flow.id());
        fields.add(new StoredField(IndexSchema.SOURCE, source.toByteArray()));
        return fields;
    }
}
