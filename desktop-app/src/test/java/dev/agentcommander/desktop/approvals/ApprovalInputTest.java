package dev.agentcommander.desktop.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.desktop.approvals.ApprovalInput.Line;
import dev.agentcommander.desktop.approvals.ApprovalInput.Style;
import org.junit.jupiter.api.Test;

class ApprovalInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bash_isShownAsItsCommand_andEditingReplacesOnlyTheCommand() throws Exception {
        JsonNode input = json("{\"command\":\"rm -rf build\\necho done\",\"description\":\"Clean\",\"timeout\":5}");
        ApprovalInput shown = ApprovalInput.of("Bash", input, JSON);

        assertThat(shown.lines()).containsExactly(new Line(Style.HEADER, "Clean"),
                new Line(Style.COMMAND, "rm -rf build"), new Line(Style.COMMAND, "echo done"));
        assertThat(shown.summary()).isEqualTo("rm -rf build echo done");
        assertThat(shown.editableText()).isEqualTo("rm -rf build\necho done");
        assertThat(shown.edited(input, "rm -rf build/tmp\n", JSON))
                .isEqualTo(json("{\"command\":\"rm -rf build/tmp\",\"description\":\"Clean\",\"timeout\":5}"));
        assertThat(input.get("command").asText()).isEqualTo("rm -rf build\necho done");
        assertThatThrownBy(() -> shown.edited(input, "  \n", JSON)).isInstanceOf(ApprovalInput.Invalid.class)
                .hasMessageContaining("empty");
    }

    @Test
    void edit_isADiffOfOldToNew_withSharedLinesAsContext() throws Exception {
        JsonNode input = json("{\"file_path\":\"/src/App.java\",\"old_string\":\"a\\nb\\nc\",\"new_string\":\"a\\nB\\nB2\\nc\"}");

        assertThat(ApprovalInput.of("Edit", input, JSON).lines()).containsExactly(
                new Line(Style.HEADER, "/src/App.java"), new Line(Style.CONTEXT, "  a"),
                new Line(Style.REMOVED, "- b"), new Line(Style.ADDED, "+ B"), new Line(Style.ADDED, "+ B2"),
                new Line(Style.CONTEXT, "  c"));
    }

    @Test
    void write_isTheWholeFileAdded_andMultiEditShowsEachEdit() throws Exception {
        assertThat(ApprovalInput.of("Write", json("{\"file_path\":\"/a.txt\",\"content\":\"one\\ntwo\"}"), JSON).lines())
                .containsExactly(new Line(Style.HEADER, "/a.txt  (whole file)"), new Line(Style.ADDED, "+ one"),
                        new Line(Style.ADDED, "+ two"));
        ApprovalInput multi = ApprovalInput.of("MultiEdit", json("{\"file_path\":\"/b\",\"edits\":["
                + "{\"old_string\":\"x\",\"new_string\":\"y\"},{\"old_string\":\"p\",\"new_string\":\"q\"}]}"), JSON);
        assertThat(multi.summary()).isEqualTo("2 edits to /b");
        assertThat(multi.lines()).extracting(Line::text)
                .containsExactly("/b  (edit 1 of 2)", "- x", "+ y", "/b  (edit 2 of 2)", "- p", "+ q");
    }

    @Test
    void otherTools_areFormattedJson_andAnEditMustStayAJsonObject() throws Exception {
        JsonNode input = json("{\"url\":\"https://example.com\",\"prompt\":\"summarise\"}");
        ApprovalInput shown = ApprovalInput.of("WebFetch", input, JSON);

        assertThat(shown.lines()).extracting(Line::style).containsOnly(Style.PLAIN);
        assertThat(shown.editableText()).contains("\"url\" : \"https://example.com\"");
        assertThat(shown.edited(input, "{\"url\":\"https://example.org\"}", JSON))
                .isEqualTo(json("{\"url\":\"https://example.org\"}"));
        assertThatThrownBy(() -> shown.edited(input, "{\"url\": ", JSON)).isInstanceOf(ApprovalInput.Invalid.class)
                .hasMessageStartingWith("Not valid JSON (line 1");
        assertThatThrownBy(() -> shown.edited(input, "[1]", JSON)).isInstanceOf(ApprovalInput.Invalid.class)
                .hasMessageContaining("JSON object");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
