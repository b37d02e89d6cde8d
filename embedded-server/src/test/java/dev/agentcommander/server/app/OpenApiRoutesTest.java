package dev.agentcommander.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.agentcommander.server.agentlink.AgentSocket;
import dev.agentcommander.server.auth.Access;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.uilink.UiSocket;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.RouteRole;
import io.javalin.security.Roles;
import io.javalin.websocket.WsHandlerEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/openapi.yaml against the routes the running control plane registers, both ways: every REST route of the
 * Javalin app is described with the same method and path, every operation of the file is a route, and each
 * operation's security requirement names the role the route is registered with. WebSocket endpoints are left out
 * of the file (they are named in its description).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenApiRoutesTest {
    private static final Set<String> OPENAPI_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");

    static TestPlane cp;
    static JsonNode spec;

    @BeforeAll
    static void start() throws IOException {
        spec = new YAMLMapper().readTree(specFile().toFile());
        cp = TestPlane.start(Engine.H2);
    }

    @AfterAll
    static void stop() {
        if (cp != null) {
            cp.close();
        }
    }

    @Test
    void specParses_andIsOpenApi31() {
        assertThat(spec).isNotNull();
        assertThat(spec.path("openapi").asText()).matches("3\\.1\\.\\d+");
        assertThat(spec.path("info").path("title").asText()).isNotBlank();
        assertThat(spec.path("paths").isObject()).isTrue();
        assertThat(spec.path("components").path("securitySchemes").path("bearerAuth").path("scheme").asText())
                .isEqualTo("bearer");
    }

    @Test
    void everyRegisteredRoute_isInTheSpec() {
        Map<String, String> server = serverRoutes();
        assertThat(server).as("REST routes the app registers").hasSizeGreaterThanOrEqualTo(10);
        Set<String> missing = new TreeSet<>(server.keySet());
        missing.removeAll(specOperations().keySet());
        assertThat(missing).as("routes the app registers that docs/openapi.yaml does not describe").isEmpty();
    }

    @Test
    void everyOperationInTheSpec_isARegisteredRoute() {
        Set<String> unknown = new TreeSet<>(specOperations().keySet());
        unknown.removeAll(serverRoutes().keySet());
        assertThat(unknown).as("operations in docs/openapi.yaml that the app does not register").isEmpty();
    }

    @Test
    void everyOperation_requiresTheRoleItsRouteIsRegisteredWith() {
        Map<String, String> server = serverRoutes();
        Map<String, String> documented = specOperations();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> route : server.entrySet()) {
            String described = documented.get(route.getKey());
            if (described != null && !described.equals(route.getValue())) {
                wrong.add(route.getKey() + ": app needs " + route.getValue() + ", spec says " + described);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyPathParameter_isDeclared() {
        List<String> undeclared = new ArrayList<>();
        forEachOperation((path, method, operation, pathItem) -> {
            Set<String> declared = new HashSet<>();
            for (JsonNode params : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
                for (JsonNode param : params) {
                    JsonNode resolved = resolve(param);
                    if (resolved.path("in").asText().equals("path")) {
                        declared.add(resolved.path("name").asText());
                    }
                }
            }
            Matcher matcher = PATH_PARAM.matcher(path);
            while (matcher.find()) {
                if (!declared.contains(matcher.group(1))) {
                    undeclared.add(method.toUpperCase(Locale.ROOT) + " " + path + ": {" + matcher.group(1) + "}");
                }
            }
        });
        assertThat(undeclared).isEmpty();
    }

    @Test
    void everyReference_resolves() {
        List<String> dangling = new ArrayList<>();
        collectRefs(spec, dangling);
        assertThat(dangling).as("$ref targets missing from docs/openapi.yaml").isEmpty();
    }

    @Test
    void webSockets_areNamedInTheDescription_notAsPaths() {
        Set<String> wsPaths = new TreeSet<>();
        for (WsHandlerEntry entry : cp.plane().javalin().unsafe.internalRouter.allWsHandlers()) {
            wsPaths.add(entry.getPath());
        }
        assertThat(wsPaths).containsExactlyInAnyOrder(AgentSocket.PATH, UiSocket.PATH);
        String description = spec.path("info").path("description").asText();
        for (String wsPath : wsPaths) {
            assertThat(spec.path("paths").has(wsPath)).as(wsPath + " listed as a REST path").isFalse();
            assertThat(description).contains(wsPath);
        }
        assertThat(description).contains("protocol.md");
    }

    /** "METHOD /path" → least role ("viewer", "operator", "admin") or "none", of every REST route of the app. */
    static Map<String, String> serverRoutes() {
        Set<String> wsPaths = new HashSet<>();
        for (WsHandlerEntry entry : cp.plane().javalin().unsafe.internalRouter.allWsHandlers()) {
            wsPaths.add(entry.getPath());
        }
        Map<String, String> routes = new TreeMap<>();
        for (ParsedEndpoint parsed : cp.plane().javalin().unsafe.internalRouter.allHttpHandlers()) {
            Endpoint endpoint = parsed.endpoint;
            // before/after filters and WebSocket upgrade handlers are not routes
            if (!endpoint.method.isHttpMethod() || wsPaths.contains(endpoint.path)) {
                continue;
            }
            String key = endpoint.method.name().toUpperCase(Locale.ROOT) + " " + endpoint.path;
            String previous = routes.put(key, role(endpoint));
            assertThat(previous).as("registered twice: " + key).isNull();
        }
        return routes;
    }

    private static String role(Endpoint endpoint) {
        Roles roles = endpoint.metadata(Roles.class);
        String role = "none";
        if (roles != null) {
            for (RouteRole routeRole : roles.getRoles()) {
                if (routeRole instanceof Access access) {
                    role = access.role().toString();
                }
            }
        }
        return role;
    }

    /** "METHOD /path" → the role its security requirement names, or "none" for {@code security: []}. */
    static Map<String, String> specOperations() {
        Map<String, String> operations = new TreeMap<>();
        forEachOperation((path, method, operation, pathItem) -> operations.put(
                method.toUpperCase(Locale.ROOT) + " " + path, documentedRole(operation)));
        return operations;
    }

    private static String documentedRole(JsonNode operation) {
        JsonNode security = operation.has("security") ? operation.get("security") : spec.path("security");
        if (security.isMissingNode() || security.isEmpty()) {
            return "none";
        }
        assertThat(security.size()).as("one security requirement per operation").isEqualTo(1);
        JsonNode bearer = security.get(0).path("bearerAuth");
        assertThat(bearer.isArray()).as("security requirement is bearerAuth: " + security).isTrue();
        assertThat(bearer.size()).as("exactly one role in " + security).isEqualTo(1);
        return bearer.get(0).asText();
    }

    interface OperationVisitor {
        void visit(String path, String method, JsonNode operation, JsonNode pathItem);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> items = path.getValue().fields();
            while (items.hasNext()) {
                Map.Entry<String, JsonNode> item = items.next();
                if (OPENAPI_METHODS.contains(item.getKey())) {
                    visitor.visit(path.getKey(), item.getKey(), item.getValue(), path.getValue());
                }
            }
        }
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : spec.at(ref.asText().substring(1));
    }

    private static void collectRefs(JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.asText().startsWith("#/") || spec.at(ref.asText().substring(1)).isMissingNode())) {
                dangling.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> collectRefs(child, dangling));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectRefs(child, dangling));
        }
    }

    /** docs/openapi.yaml of this checkout (tests run in embedded-server/; walk up to the project root). */
    private static Path specFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("openapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/openapi.yaml not found above " + Path.of("").toAbsolutePath());
    }
}
