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

/** What the UI topics read their initial answers from and listen to for changes. */
public record UiTopics(Sessions sessions, SessionChanges sessionChanges, Approvals approvals,
        ChangeBus<ApprovalRow> approvalChanges, Hosts hosts, ChangeBus<HostRow> hostChanges, Events events,
        ChangeBus<String> eventSessions, ControlEvents controlEvents, ConsoleRelay console) {
}
