package dev.agentcommander.agentd.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Status from the agent's screen: what each TUI shows, the idle debounce, and a hook the screen outlived. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ScreenStatusTest {
    private static final Instant T0 = Instant.parse("2026-01-31T12:00:00Z");
    private static final String ID = "6f1c1d0e-8f0a-4a57-9a43-7d1e2f3a4b5c";
    private static final String CLAUDE_IDLE = """
            ╭───────────────────────────────────────╮
            │ ❯\u00a0                                    │
            ╰───────────────────────────────────────╯
              ? for shortcuts                ⏸ manual mode on
            """;
    private static final String CLAUDE_RUNNING = """
            ● I'll write the file.
            ✻ Pondering… (3s · ↓ 12 tokens · esc to interrupt)
            ╭───────────────────────────────────────╮
            │ ❯\u00a0                                    │
            ╰───────────────────────────────────────╯
            """;
    private static final String CLAUDE_DIALOG = """
            ╭───────────────────────────────────────╮
            │ Bash command                          │
            │   echo hi > out.txt                   │
            │ Do you want to proceed?               │
            │ ❯ 1. Yes                              │
            │   2. Yes, and don't ask again         │
            │   3. No, and tell Claude what to do   │
            ╰───────────────────────────────────────╯
              Esc to cancel · Tab to amend
            """;
    private static final String CODEX_DIALOG = """
              Would you like to run the following command?
              $ touch out.txt
            › 1. Yes, proceed
              2. No, and tell Codex what to do differently
            """;
    private static final String CODEX_RUNNING = "• Working (4s • esc to interrupt)\n▌ Ask Codex to do anything\n";
    private static final String CLAUDE_TRUST = """
             Do you trust the files in this folder?
             ❯ 1. Yes, proceed
               2. No, exit
            """;

    private final HookSignals signals = new HookSignals();
    private final SessionTracker tracker = new SessionTracker(List.of(), signals);

    @Test
    void eachTuiScreen_readsAsItsStatus() {
        assertThat(read(Provider.CLAUDE, CLAUDE_IDLE)).isEqualTo(SessionStatus.IDLE);
        assertThat(read(Provider.CLAUDE, CLAUDE_RUNNING)).isEqualTo(SessionStatus.RUNNING);
        assertThat(read(Provider.CLAUDE, CLAUDE_DIALOG)).isEqualTo(SessionStatus.WAITING_APPROVAL);
        assertThat(read(Provider.CLAUDE, CLAUDE_TRUST)).isEqualTo(SessionStatus.WAITING_INPUT);
        assertThat(read(Provider.CODEX, CODEX_DIALOG)).isEqualTo(SessionStatus.WAITING_APPROVAL);
        assertThat(read(Provider.CODEX, CODEX_RUNNING)).isEqualTo(SessionStatus.RUNNING);
        assertThat(read(Provider.CODEX, "  1. Pick a model\n  2. Quit\n")).isEqualTo(SessionStatus.WAITING_INPUT);
        assertThat(ScreenSignal.read(Provider.SHELL, CLAUDE_RUNNING)).isEmpty();
    }

    @Test
    void runningToIdle_isHeldUntilTheIdleScreenLastedTheDebounce_butADialogShowsAtOnce() {
        assertThat(poll(T0, CLAUDE_RUNNING)).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(SessionStatus.RUNNING);
            assertThat(row.statusReason()).isEqualTo("screen: \"esc to interrupt\" at " + T0);
        });
        assertThat(poll(T0.plusSeconds(1), CLAUDE_IDLE)).isEmpty();
        assertThat(poll(T0.plusMillis(2000), CLAUDE_RUNNING)).allSatisfy(row -> assertThat(row.status())
                .isEqualTo(SessionStatus.RUNNING));
        assertThat(poll(T0.plusMillis(2500), CLAUDE_IDLE)).isEmpty();
        assertThat(poll(T0.plusMillis(4400), CLAUDE_IDLE)).isEmpty();
        assertThat(poll(T0.plusMillis(4500), CLAUDE_IDLE)).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(SessionStatus.IDLE);
            assertThat(row.statusReason()).isEqualTo("screen: prompt, no \"esc to interrupt\" at "
                    + T0.plusMillis(2500));
        });

        assertThat(poll(T0.plusSeconds(5), CLAUDE_DIALOG)).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(SessionStatus.WAITING_APPROVAL);
            assertThat(row.needsAttention()).isTrue();
        });
        assertThat(poll(T0.plusSeconds(6), CLAUDE_IDLE)).isEmpty();
        assertThat(poll(T0.plusSeconds(8), CLAUDE_IDLE)).singleElement()
                .satisfies(row -> assertThat(row.status()).isEqualTo(SessionStatus.IDLE));
    }

    @Test
    void aRunningHook_givesWayToAnIdleScreenThatOutlivedIt_anInterruptedTurn() {
        poll(T0, CLAUDE_RUNNING);
        signals.put(ID, new HookSignal(SessionStatus.RUNNING, false, "PreToolUse", T0.plusSeconds(1)));
        assertThat(poll(T0.plusSeconds(2), CLAUDE_RUNNING)).singleElement()
                .satisfies(row -> assertThat(row.statusReason()).isEqualTo("hook: PreToolUse at " + T0.plusSeconds(1)));

        assertThat(poll(T0.plusSeconds(3), CLAUDE_IDLE)).isEmpty();
        assertThat(poll(T0.plusMillis(5900), CLAUDE_IDLE)).isEmpty();
        assertThat(poll(T0.plusSeconds(6), CLAUDE_IDLE)).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(SessionStatus.IDLE);
            assertThat(row.statusReason()).startsWith("screen: prompt");
        });
    }

    @Test
    void aStopHook_decidesAtOnce_andAnOlderIdleScreenDoesNotOverruleARunningHook() {
        poll(T0, CLAUDE_IDLE);
        signals.put(ID, new HookSignal(SessionStatus.RUNNING, false, "UserPromptSubmit", T0.plusSeconds(1)));
        assertThat(poll(T0.plusSeconds(10), CLAUDE_IDLE)).singleElement()
                .satisfies(row -> assertThat(row.status()).isEqualTo(SessionStatus.RUNNING));

        signals.put(ID, new HookSignal(SessionStatus.IDLE, false, "Stop", T0.plusSeconds(11)));
        assertThat(poll(T0.plusSeconds(11), CLAUDE_RUNNING)).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(SessionStatus.IDLE);
            assertThat(row.statusReason()).isEqualTo("hook: Stop at " + T0.plusSeconds(11));
        });
    }

    private static SessionStatus read(Provider provider, String screen) {
        return ScreenSignal.read(provider, screen).orElseThrow().status();
    }

    private List<SessionRow> poll(Instant now, String screen) {
        Pane pane = new Pane("%1", 7, false, 0, "0", Instant.ofEpochSecond(100), ID, "claude", "main", "w", "t", "/");
        SessionTracker.Diff diff = tracker.diff(List.of(pane), Map.of("%1", screen), now);
        tracker.commit(diff);
        return diff.rows();
    }
}
