package dev.agentcommander.server.uilink;

import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.server.approval.Approvals;
import dev.agentcommander.server.bus.ChangeBus;
import dev.agentcommander.server.console.ConsoleRelay;
import dev.agentcommander.server.event.ControlEvents;
import dev.agentcommander.server.event.Events;
import dev.agentcommander.server.host.Hosts;
import dev.agentcommander.server.session.SessionChanges;
import dev.agentcommander.server.session.Sessions;
import java.util.concurrent.Executor;

/**
 * What the UI topics read their initial answers from and listen to for changes; {@code eventReads} runs the reads
 * of {@code events} subscriptions, off the thread that publishes the changes.
 */
public record UiTopics(Sessions sessions, SessionChanges sessionChanges, Approvals approvals,
        ChangeBus<ApprovalRow> approvalChanges, Hosts hosts, ChangeBus<HostRow> hostChanges, Events events,
        ChangeBus<String> eventSessions, Executor eventReads, ControlEvents controlEvents, ConsoleRelay console) {
}
