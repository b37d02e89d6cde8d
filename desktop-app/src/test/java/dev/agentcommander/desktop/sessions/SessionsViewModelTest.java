package dev.agentcommander.desktop.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.desktop.shell.SameThreadUiExecutor;
import dev.agentcommander.desktop.shell.UiExecutor;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.model.TmuxRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SessionsViewModelTest {
    private static final Instant T0 = Instant.parse("2026-01-31T12:00:00Z");

    private final UiExecutor ui = new SameThreadUiExecutor();
    private final SessionsViewModel model = new SessionsViewModel(T0);

    @Test
    void upsert_withKnownId_replacesTheRowInPlace() {
        ui.execute(() -> model.replaceAll(List.of(row("s1", "api", "/work/api", SessionStatus.IDLE, T0),
                row("s2", "web", "/work/web", SessionStatus.RUNNING, T0))));
        SessionItem first = model.item("s1");

        ui.execute(() -> model.upsert(List.of(row("s1", "api", "/work/api", SessionStatus.RUNNING, T0.plusSeconds(5)))));

        assertThat(model.allItems()).hasSize(2);
        assertThat(model.item("s1")).isSameAs(first);
        assertThat(first.row().status()).isEqualTo(SessionStatus.RUNNING);
    }

    @Test
    void upsert_withNewId_addsARow() {
        ui.execute(() -> model.replaceAll(List.of(row("s1", "api", "/work/api", SessionStatus.IDLE, T0))));

        ui.execute(() -> model.upsert(List.of(row("s2", "web", "/work/web", SessionStatus.IDLE, T0))));

        assertThat(model.allItems()).extracting(SessionItem::sessionId).containsExactly("s1", "s2");
    }

    @Test
    void upsert_withOlderVersion_keepsTheNewerRow() {
        ui.execute(() -> model.replaceAll(List.of(row("s1", "api", "/a", SessionStatus.DONE, T0.plusSeconds(10)))));

        ui.execute(() -> model.upsert(List.of(row("s1", "api", "/a", SessionStatus.RUNNING, T0))));

        assertThat(model.item("s1").row().status()).isEqualTo(SessionStatus.DONE);
    }

    @Test
    void goneRows_stayListed() {
        ui.execute(() -> model.replaceAll(List.of(row("s1", "api", "/a", SessionStatus.RUNNING, T0))));

        ui.execute(() -> model.upsert(List.of(row("s1", "api", "/a", SessionStatus.GONE, T0.plusSeconds(1)))));

        assertThat(model.visibleItems()).singleElement().satisfies(item -> assertThat(item.isGone()).isTrue());
        assertThat(model.summaryProperty().get()).isEqualTo("1 session · 1 gone");
    }

    @Test
    void replaceAll_dropsRowsMissingFromTheSnapshot() {
        ui.execute(() -> model.replaceAll(List.of(row("s1", "api", "/a", SessionStatus.IDLE, T0),
                row("s2", "web", "/b", SessionStatus.IDLE, T0))));

        ui.execute(() -> model.replaceAll(List.of(row("s2", "web", "/b", SessionStatus.IDLE, T0))));

        assertThat(model.allItems()).extracting(SessionItem::sessionId).containsExactly("s2");
        assertThat(model.item("s1")).isNull();
    }

    @Test
    void search_filtersByNameOrFolder_caseInsensitively() {
        ui.execute(() -> model.replaceAll(List.of(row("s1", "billing-api", "/srv/billing", SessionStatus.IDLE, T0),
                row("s2", "frontend", "/home/me/Web", SessionStatus.IDLE, T0),
                row("s3", "docs", "/home/me/docs", SessionStatus.IDLE, T0))));

        model.searchProperty().set("BILLING");
        assertThat(model.visibleItems()).extracting(SessionItem::sessionId).containsExactly("s1");

        model.searchProperty().set("me/web");
        assertThat(model.visibleItems()).extracting(SessionItem::sessionId).containsExactly("s2");
        assertThat(model.summaryProperty().get()).isEqualTo("1 of 3 sessions");

        model.searchProperty().set("nothing-like-this");
        assertThat(model.visibleItems()).isEmpty();
        assertThat(model.placeholderProperty().get()).contains("nothing-like-this");

        model.searchProperty().set("");
        assertThat(model.visibleItems()).hasSize(3);
    }

    @Test
    void filter_appliesToRowsThatChangeLater() {
        ui.execute(() -> model.replaceAll(List.of(row("s1", "alpha", "/a", SessionStatus.IDLE, T0))));
        model.searchProperty().set("beta");
        assertThat(model.visibleItems()).isEmpty();

        ui.execute(() -> model.upsert(List.of(row("s1", "beta", "/a", SessionStatus.IDLE, T0.plusSeconds(1)))));

        assertThat(model.visibleItems()).extracting(SessionItem::sessionId).containsExactly("s1");
    }

    @Test
    void placeholder_saysWhetherDataArrivedYet() {
        assertThat(model.placeholderProperty().get()).isEqualTo("Waiting for the control plane…");

        ui.execute(() -> model.replaceAll(List.of()));

        assertThat(model.placeholderProperty().get()).startsWith("No sessions yet.");
    }

    @Test
    void hostName_fallsBackToTheIdUntilTheNameIsKnown() {
        assertThat(model.hostName("h-1")).isEqualTo("h-1");
        assertThat(model.knowsHost("h-1")).isFalse();

        model.setHosts(List.of(new HostRow("h-1", "build-box", true, T0, 0, T0)));

        assertThat(model.hostName("h-1")).isEqualTo("build-box");
        assertThat(model.knowsHost("h-1")).isTrue();
    }

    @Test
    void lastActivity_isRelativeToTheTickingClock() {
        SessionRow row = row("s1", "api", "/a", SessionStatus.IDLE, T0);

        model.tick(T0.plusSeconds(12));
        assertThat(model.lastActivityText(row)).isEqualTo("12s ago");

        model.tick(T0.plusSeconds(3 * 3600 + 5));
        assertThat(model.lastActivityText(row)).isEqualTo("3h ago");
    }

    @Test
    void displayName_fallsBackToTheTmuxPlace() {
        SessionRow unnamed = new SessionRow("0123456789abcdef", "h", null, Provider.SHELL, SessionStatus.IDLE, false,
                new TmuxRef("%3", "work", "2"), "/a", null, null, null, T0, T0, T0);

        assertThat(SessionsViewModel.displayName(unnamed)).isEqualTo("work:2");
    }

    @Test
    void defaultOrder_putsGoneRowsLast() {
        ui.execute(() -> model.replaceAll(List.of(row("s1", "alpha", "/a", SessionStatus.GONE, T0),
                row("s2", "beta", "/b", SessionStatus.IDLE, T0))));

        assertThat(model.allItems().sorted(SessionsViewModel.defaultOrder()))
                .extracting(SessionItem::sessionId).containsExactly("s2", "s1");
    }

    private static SessionRow row(String id, String name, String cwd, SessionStatus status, Instant updatedAt) {
        return new SessionRow(id, "h-1", name, Provider.CLAUDE, status, false, new TmuxRef("%1", "main", "0"), cwd,
                null, null, null, T0, T0, updatedAt);
    }
}
