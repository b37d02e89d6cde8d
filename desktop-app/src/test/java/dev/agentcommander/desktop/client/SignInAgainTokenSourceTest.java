package dev.agentcommander.desktop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.app.ControlPlane;
import dev.agentcommander.server.app.ServerConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Against a real control plane: a refused token is refreshed if it can be, else the person signs in again. */
@Timeout(60)
class SignInAgainTokenSourceTest {
    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256-0123456789";
    private static final Duration MARGIN = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private final WireCodec codec = new WireCodec();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger signIns = new AtomicInteger();
    private ControlPlane controlPlane;
    private AuthApi auth;

    @BeforeEach
    void start() {
        controlPlane = ControlPlane.start(new ServerConfig(null, SECRET, "127.0.0.1", 0, dataDir));
        auth = new AuthApi(http, URI.create(controlPlane.httpUrl()), codec);
    }

    @AfterEach
    void stop() {
        controlPlane.close();
    }

    /** Signing in as a person would: the control plane hands out a fresh token. */
    private AccessToken signIn(AuthApi api) {
        signIns.incrementAndGet();
        return AccessToken.fromJwt(controlPlane.mintUserToken(Role.OPERATOR, "ann@example.com", Duration.ofMinutes(5)),
                codec);
    }

    @Test
    void aRefusedTokenThatCanStillBeRefreshed_isRefreshed_withoutSigningInAgain() throws Exception {
        AccessToken initial = signIn(auth);
        SignInAgainTokenSource tokens = new SignInAgainTokenSource(auth, this::signIn, initial, MARGIN,
                Clock.systemUTC());
        assertThat(tokens.current()).isEqualTo(initial);

        tokens.rejected(initial);

        AccessToken refreshed = tokens.current();
        assertThat(new ControlPlaneClient(http, URI.create(controlPlane.httpUrl()), () -> refreshed, codec).me().email())
                .isEqualTo("ann@example.com");
        assertThat(signIns).hasValue(1);
    }

    @Test
    void aTokenTheControlPlaneRefusesToRefresh_meansSigningInAgain() throws Exception {
        AccessToken foreign = AccessToken.fromJwt(ControlPlaneTokens.signedWith(
                "not-the-control-planes-secret-but-long-enough-0123456789"), codec);
        SignInAgainTokenSource tokens = new SignInAgainTokenSource(auth, this::signIn, foreign, MARGIN,
                Clock.systemUTC());

        tokens.rejected(foreign);
        AccessToken fresh = tokens.current();

        assertThat(signIns).hasValue(1);
        assertThat(new ControlPlaneClient(http, URI.create(controlPlane.httpUrl()), () -> fresh, codec).me().email())
                .isEqualTo("ann@example.com");
        assertThat(tokens.current()).isEqualTo(fresh);
        assertThat(signIns).hasValue(1);
    }

    @Test
    void aRestCallRefusedWith401_bringsTheSignInBackOnItsOwnThread_andCallsMadeMeanwhileWaitForIt() throws Exception {
        AccessToken foreign = AccessToken.fromJwt(ControlPlaneTokens.signedWith(
                "not-the-control-planes-secret-but-long-enough-0123456789"), codec);
        CountDownLatch personSignedIn = new CountDownLatch(1);
        List<String> signInThreads = new CopyOnWriteArrayList<>();
        SignIn person = api -> {
            signInThreads.add(Thread.currentThread().getName());
            try {
                personSignedIn.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return signIn(api);
        };
        SignInAgainTokenSource tokens = new SignInAgainTokenSource(auth, person, foreign, MARGIN, Clock.systemUTC());
        ControlPlaneClient client = new ControlPlaneClient(http, URI.create(controlPlane.httpUrl()), tokens, codec);

        assertThatThrownBy(client::listHosts).isInstanceOfSatisfying(ControlPlaneException.class,
                e -> assertThat(e.status()).isEqualTo(401));
        // The sign-in comes back on its own thread, not waiting for the next call to ask for a token.
        await().atMost(Duration.ofSeconds(20)).until(() -> signInThreads.size() == 1);
        assertThat(signInThreads).containsExactly("sign-in-again");

        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(callers.submit(client::listHosts));
            }
            personSignedIn.countDown();
            for (Future<?> call : calls) {
                call.get(20, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(client.me().email()).isEqualTo("ann@example.com");
        assertThat(signIns).hasValue(1);
        assertThat(signInThreads).hasSize(1);
    }

    @Test
    void anUnreachableControlPlane_isNoReasonToSignInAgain() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        AuthApi unreachable = new AuthApi(http, URI.create("http://127.0.0.1:" + closed), codec);
        AccessToken initial = signIn(auth);
        SignInAgainTokenSource tokens = new SignInAgainTokenSource(unreachable, this::signIn, initial, MARGIN,
                Clock.systemUTC());

        tokens.rejected(initial);

        assertThatThrownBy(tokens::current).isInstanceOf(ControlPlaneException.class);
        assertThat(signIns).hasValue(1);
    }
}
