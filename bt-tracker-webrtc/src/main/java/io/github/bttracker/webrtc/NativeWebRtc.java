package io.github.bttracker.webrtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.spi.WebRtc;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WebRtc} with libwebrtc (webrtc-java): the peer connections behind the offers and answers that WebSocket
 * (WebTorrent) trackers relay. Each offer and each answer has one peer connection with one data channel, and its
 * session description is complete: the tracker relays one offer and one answer, so the ICE candidates gathered
 * within {@link Builder#gatheringDeadline} go inside it. A data channel that opens becomes a {@link WebRtcPeer},
 * handed to the tracker runtime that uses this object, or to the {@link WebRtcPeerListener} of the builder.
 *
 * <pre>{@code
 * NativeWebRtc webRtc = NativeWebRtc.builder().build();
 * TrackerRuntime runtime = TrackerRuntime.create(TrackerClientOptions.defaults()
 *         .withWebSocket(WebSocketOptions.defaults().withWebRtc(webRtc)));
 * // each TrackerClient of that runtime gets its torrent's peers: TrackerClientListener.onConnectedPeer
 * }</pre>
 * In a Bt runtime, {@code BtWebRtcModule} does this, and the peers become peer connections of the torrents.
 *
 * <p>Threads: the {@link WebRtc} methods return at once; the work runs on one thread of this object's, named
 * {@value #THREAD_NAME}, and on libwebrtc's own threads. The listener and every peer's receiver are called on
 * libwebrtc's signalling thread, which must not block. No thread is started per connection.
 *
 * <p>One connection per remote peer and torrent: a relayed offer from a peer already connected for the torrent is
 * declined, and an answer from one closes the offer it answers.
 *
 * <p>Limits: at most {@link Builder#maxConnectionsPerTorrent} and {@link Builder#maxConnections} peer connections at
 * a time, counting offers still unanswered; when they are reached, announces carry fewer offers and relayed offers
 * are declined. A connection whose data channel has not opened {@link #OFFER_LIFETIME} after it was created is
 * closed, as WebTorrent does with unanswered offers.
 *
 * <p>{@link #close} closes every connection and frees libwebrtc; close the tracker runtime that uses this object
 * first.
 *
 * <p>Failures: {@link Builder#build()} throws {@link WebRtcUnavailableException} where libwebrtc cannot run. The
 * futures of {@link #createOffers} and {@link #answer} complete on this object's thread or libwebrtc's; they fail
 * only when libwebrtc itself fails for that connection (which is then closed), and an offer that fails is left out
 * of the list. After {@link #close} they complete at once with no offers and no answer.
 */
public final class NativeWebRtc implements WebRtc, AutoCloseable {

    /** Peer connections per torrent at most, by default: WebTorrent's {@code maxConns}. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_TORRENT = 55;

    /** Peer connections at most, over all torrents, by default. */
    public static final int DEFAULT_MAX_CONNECTIONS = 200;

    /** How long a session description waits for ICE gathering by default before it is sent as it stands. */
    public static final Duration DEFAULT_GATHERING_DEADLINE = Duration.ofSeconds(2);

    /** A connection whose data channel is not open this long after its creation is closed (WebTorrent's 50 s). */
    public static final Duration OFFER_LIFETIME = Duration.ofSeconds(50);

    /** The name of this object's thread. */
    public static final String THREAD_NAME = "bt-tracker-webrtc";

    private static final Logger LOG = LoggerFactory.getLogger(NativeWebRtc.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final HeadlessAudioDeviceModule audio;
    private final PeerConnectionFactory factory;
    private final List<IceServer> iceServers;
    private final int maxConnectionsPerTorrent;
    private final int maxConnections;
    private final Duration gatheringDeadline;
    private final Duration offerLifetime;
    private final boolean ownListener;
    private volatile WebRtcPeerListener listener;
    private volatile boolean attached;
    private final ScheduledExecutorService worker;
    private final SecureRandom random = new SecureRandom();
    /** Every connection not closed yet. */
    private final Set<RtcConnection> connections = ConcurrentHashMap.newKeySet();
    /** Offers awaiting their answer, by offer id; on the worker thread only. */
    private final Map<String, RtcConnection> offers = new HashMap<>();
    private volatile Thread signallingThread;
    private volatile Thread workerThread;
    private volatile boolean closed;

    private NativeWebRtc(Builder b, HeadlessAudioDeviceModule audio, PeerConnectionFactory factory) {
        this.audio = audio;
        this.factory = factory;
        this.iceServers = b.iceServers;
        this.maxConnectionsPerTorrent = b.maxConnectionsPerTorrent;
        this.maxConnections = b.maxConnections;
        this.gatheringDeadline = b.gatheringDeadline;
        this.offerLifetime = b.offerLifetime;
        this.listener = b.listener;
        this.ownListener = b.listenerSet;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, THREAD_NAME);
            thread.setDaemon(true);
            workerThread = thread;
            return thread;
        });
        // deadlines and lifetimes end with the connections: close does not wait for them
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        this.worker = executor;
    }

    /** @return a builder with the defaults: no ICE servers, the default limits and gathering deadline, no listener */
    public static Builder builder() {
        return new Builder();
    }

    /** @return peer connections not closed yet, open or waiting for an answer or for their data channel */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * @param infoHash the torrent
     * @return peer connections of {@code infoHash} not closed yet
     */
    public int connectionCount(InfoHash infoHash) {
        return (int) connections.stream().filter(c -> c.infoHash.equals(infoHash)).count();
    }

    /**
     * Called by the tracker runtime this object is given to ({@code WebSocketOptions.withWebRtc}): the peers go to
     * the runtime from then on, which hands them to the {@code TrackerClient} of their torrent or to Bt.
     *
     * @throws IllegalStateException when a listener was set on the builder, or another runtime took the peers
     */
    @Override
    public synchronized void connectedPeers(java.util.function.Consumer<io.github.bttracker.spi.ConnectedPeer> sink) {
        Objects.requireNonNull(sink, "sink");
        if (ownListener) {
            throw new IllegalStateException("this NativeWebRtc hands its peers to the listener set on its builder: "
                    + "build it without one to use it with a tracker runtime");
        }
        if (attached) {
            throw new IllegalStateException("this NativeWebRtc is used by another tracker runtime already");
        }
        attached = true;
        this.listener = sink::accept;
    }

    @Override
    public CompletableFuture<List<Offer>> createOffers(InfoHash infoHash, int count) {
        return onWorker(() -> {
            int room = room(infoHash);
            List<CompletableFuture<Offer>> offered = new ArrayList<>();
            for (int i = 0; i < Math.min(count, room); i++) {
                offered.add(offer(infoHash));
            }
            return CompletableFuture.allOf(offered.stream().map(f -> f.exceptionally(e -> null))
                    .toArray(CompletableFuture[]::new)).thenApply(v -> offered.stream()
                    .map(f -> f.getNow(null)).filter(Objects::nonNull).toList());
        }, List.of());
    }

    @Override
    public CompletableFuture<Signal> answer(InfoHash infoHash, PeerId remotePeer, String offerId, Signal offer) {
        if (offer == null || !"offer".equals(offer.type()) || offer.sdp() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return onWorker(() -> {
            if (room(infoHash) == 0) {
                LOG.debug("Declining an offer for {}: {} peer connections already", infoHash, connections.size());
                return CompletableFuture.completedFuture(null);
            }
            if (openWith(infoHash, remotePeer)) {
                LOG.debug("Declining an offer of {} for {}: connected already", remotePeer, infoHash);
                return CompletableFuture.completedFuture(null);
            }
            RtcConnection connection = connect(infoHash, null);
            connection.remotePeer = remotePeer;
            RTCPeerConnection pc = connection.pc;
            return guarded(connection, () -> {
                CompletableFuture<Void> remote = setRemote(pc, RTCSdpType.OFFER, offer.sdp());
                CompletableFuture<Void> local = remote.thenCompose(v -> {
                    CompletableFuture<Void> set = new CompletableFuture<>();
                    pc.createAnswer(new RTCAnswerOptions(), created(pc, set));
                    return set;
                });
                return complete(connection, local, "answer");
            });
        }, null);
    }

    @Override
    public void answered(InfoHash infoHash, PeerId remotePeer, String offerId, Signal answer) {
        if (answer == null || !"answer".equals(answer.type()) || answer.sdp() == null) {
            return;
        }
        execute(() -> {
            RtcConnection connection = offers.get(offerId);
            if (connection == null || !connection.infoHash.equals(infoHash)) {
                return;
            }
            offers.remove(offerId);
            if (openWith(infoHash, remotePeer)) {
                close(connection, "connected to " + remotePeer + " already");
                return;
            }
            connection.remotePeer = remotePeer;
            CompletableFuture<Void> remote = setRemote(connection.pc, RTCSdpType.ANSWER, answer.sdp());
            remote.whenComplete((v, e) -> {
                if (e != null) {
                    closeLater(connection, "the answer of " + remotePeer + " was refused: " + e.getMessage());
                }
            });
        });
    }

    /**
     * Closes every peer connection and frees libwebrtc; waits up to 10 s for that. Later offers are empty and
     * relayed offers declined. Idempotent.
     *
     * @throws IllegalStateException when called on libwebrtc's signalling thread (from a listener or receiver)
     */
    @Override
    public void close() {
        if (Thread.currentThread() == signallingThread) {
            throw new IllegalStateException("NativeWebRtc.close() on libwebrtc's signalling thread would deadlock");
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        worker.execute(() -> {
            for (RtcConnection connection : List.copyOf(connections)) {
                close(connection, "WebRTC closed");
            }
            LOG.debug("Disposing of libwebrtc");
            factory.dispose();
            LOG.debug("Disposing of the audio device module");
            // without this, a native thread that is not a daemon keeps the JVM alive
            audio.dispose();
        });
        worker.shutdown();
        try {
            if (!worker.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                Thread stuck = workerThread;
                Throwable where = new Throwable("where " + THREAD_NAME + " is");
                if (stuck != null) {
                    where.setStackTrace(stuck.getStackTrace());
                }
                LOG.warn("WebRTC did not close within {} s", CLOSE_TIMEOUT.toSeconds(), where);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether a connection with {@code remotePeer} for {@code infoHash} is open: a torrent needs one connection per
     * peer, and every announce of a peer carries new offers, which would otherwise make one connection more each.
     */
    private boolean openWith(InfoHash infoHash, PeerId remotePeer) {
        return connections.stream().anyMatch(c -> c.infoHash.equals(infoHash) && remotePeer.equals(c.remotePeer)
                && c.isOpen());
    }

    /** Room for new connections of {@code infoHash} under both limits. */
    private int room(InfoHash infoHash) {
        if (closed) {
            return 0;
        }
        return Math.max(0, Math.min(maxConnections - connections.size(),
                maxConnectionsPerTorrent - connectionCount(infoHash)));
    }

    private CompletableFuture<Offer> offer(InfoHash infoHash) {
        byte[] id = new byte[20];
        random.nextBytes(id);
        // 20 bytes as 20 characters U+0000-U+00FF, as WebTorrent's offer ids
        String offerId = new String(id, java.nio.charset.StandardCharsets.ISO_8859_1);
        RtcConnection connection = connect(infoHash, offerId);
        offers.put(offerId, connection);
        RTCPeerConnection pc = connection.pc;
        return guarded(connection, () -> {
            // WebTorrent peers accept any label; its own are random
            byte[] label = new byte[20];
            random.nextBytes(label);
            connection.observe(pc.createDataChannel(HexFormat.of().formatHex(label), new RTCDataChannelInit()));
            CompletableFuture<Void> local = new CompletableFuture<>();
            pc.createOffer(new RTCOfferOptions(), created(pc, local));
            return complete(connection, local, "offer");
        }).thenApply(signal -> new Offer(offerId, signal));
    }

    /** {@code steps}, or a failed future and {@code connection} closed when they throw. */
    private CompletableFuture<Signal> guarded(RtcConnection connection,
            java.util.function.Supplier<CompletableFuture<Signal>> steps) {
        try {
            return steps.get();
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            // webrtc-java reports native failures as java.lang.Error
            close(connection, "libwebrtc failed: " + e);
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A new peer connection, counted, with its gathering deadline and its lifetime scheduled. */
    private RtcConnection connect(InfoHash infoHash, String offerId) {
        RtcConnection connection = new RtcConnection(this, infoHash, offerId);
        RTCConfiguration configuration = new RTCConfiguration();
        for (IceServer server : iceServers) {
            RTCIceServer ice = new RTCIceServer();
            ice.urls = server.urls();
            ice.username = server.username();
            ice.password = server.credential();
            configuration.iceServers.add(ice);
        }
        connection.pc = factory.createPeerConnection(configuration, connection);
        connections.add(connection);
        worker.schedule(() -> connection.gathered.complete(null), gatheringDeadline.toMillis(), TimeUnit.MILLISECONDS);
        connection.expiry = worker.schedule(() -> {
            if (!connection.isOpen()) {
                close(connection, "no data channel within " + offerLifetime.toMillis() + " ms");
            }
        }, offerLifetime.toMillis(), TimeUnit.MILLISECONDS);
        return connection;
    }

    /** The complete local description once {@code local} is set and gathering is over; on failure, closes. */
    private CompletableFuture<Signal> complete(RtcConnection connection, CompletableFuture<Void> local, String type) {
        CompletableFuture<Signal> signal = local.thenCompose(v -> connection.gathered).thenApplyAsync(v -> {
            if (connection.closed) {
                throw new IllegalStateException(connection + " closed before its " + type + " was complete");
            }
            return new Signal(type, connection.pc.getLocalDescription().sdp);
        }, worker);
        signal.whenComplete((s, e) -> {
            if (e != null) {
                closeLater(connection, "no " + type + ": " + e.getMessage());
            }
        });
        return signal;
    }

    /** Applies a remote description; the future fails when libwebrtc refuses it, at once or later. */
    private static CompletableFuture<Void> setRemote(RTCPeerConnection pc, RTCSdpType type, String sdp) {
        CompletableFuture<Void> set = new CompletableFuture<>();
        try {
            pc.setRemoteDescription(new RTCSessionDescription(type, sdp), done(set));
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            // webrtc-java throws java.lang.Error when it cannot parse the description
            set.completeExceptionally(e);
        }
        return set;
    }

    private static CreateSessionDescriptionObserver created(RTCPeerConnection pc, CompletableFuture<Void> set) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                pc.setLocalDescription(description, done(set));
            }

            @Override
            public void onFailure(String error) {
                set.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    private static SetSessionDescriptionObserver done(CompletableFuture<Void> set) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                set.complete(null);
            }

            @Override
            public void onFailure(String error) {
                set.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    /** Runs {@code work} on the worker thread; {@code whenClosed} once closed. */
    private <T> CompletableFuture<T> onWorker(java.util.function.Supplier<CompletableFuture<T>> work, T whenClosed) {
        if (closed) {
            return CompletableFuture.completedFuture(whenClosed);
        }
        try {
            return CompletableFuture.supplyAsync(work, worker).thenCompose(f -> f);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(whenClosed);
        }
    }

    private void execute(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: every connection is closed already
        }
    }

    /** Notes the thread libwebrtc calls back on; called from its callbacks. */
    void signalling() {
        if (signallingThread == null) {
            signallingThread = Thread.currentThread();
        }
    }

    /** A data channel opened: on the signalling thread. */
    void opened(RtcConnection connection, WebRtcPeer peer) {
        LOG.debug("{}: data channel open", connection);
        try {
            listener.onPeer(peer);
        } catch (RuntimeException e) {
            LOG.warn("The WebRTC peer listener failed on {}", peer, e);
            closeLater(connection, "the listener failed");
        }
    }

    /** Closes {@code connection} on the worker thread, from any thread. */
    void closeLater(RtcConnection connection, String why) {
        execute(() -> close(connection, why));
    }

    private void close(RtcConnection connection, String why) {
        if (connection.closed) {
            return;
        }
        connection.closed = true;
        LOG.debug("{}: closing, {}", connection, why);
        connections.remove(connection);
        if (connection.offerId != null) {
            offers.remove(connection.offerId, connection);
        }
        if (connection.expiry != null) {
            connection.expiry.cancel(false);
        }
        connection.gathered.complete(null);
        WebRtcPeer peer = connection.peer;
        if (peer != null) {
            peer.closing();
        }
        if (connection.channel != null) {
            connection.channel.unregisterObserver();
            connection.channel.close();
            connection.channel.dispose();
        }
        connection.pc.close();
        if (peer != null) {
            peer.closedDone();
        }
    }

    /** Settings of a {@link NativeWebRtc}; not thread-safe. */
    public static final class Builder {
        private List<IceServer> iceServers = List.of();
        private int maxConnectionsPerTorrent = DEFAULT_MAX_CONNECTIONS_PER_TORRENT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration gatheringDeadline = DEFAULT_GATHERING_DEADLINE;
        private Duration offerLifetime = OFFER_LIFETIME;
        private WebRtcPeerListener listener = peer -> {
            LOG.debug("No WebRTC peer listener: closing {}", peer);
            peer.close();
        };
        private boolean listenerSet;

        private Builder() {
        }

        /**
         * STUN and TURN servers; none by default (host candidates only, enough on one network).
         *
         * @param servers the servers, copied
         * @return this builder
         * @throws NullPointerException if the list or a server is null
         */
        public Builder iceServers(List<IceServer> servers) {
            this.iceServers = List.copyOf(servers);
            return this;
        }

        /**
         * Peer connections per torrent at most; {@value #DEFAULT_MAX_CONNECTIONS_PER_TORRENT} by default.
         *
         * @param max 0 or more; 0 makes no connection
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxConnectionsPerTorrent(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxConnectionsPerTorrent < 0: " + max);
            }
            this.maxConnectionsPerTorrent = max;
            return this;
        }

        /**
         * Peer connections at most over all torrents; {@value #DEFAULT_MAX_CONNECTIONS} by default.
         *
         * @param max 0 or more; 0 makes no connection
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxConnections(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxConnections < 0: " + max);
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * How long an offer or answer waits for ICE gathering to complete before it goes out with the candidates
         * gathered so far; 2 s by default. Host candidates take about 1 s, an unreachable STUN server 40 s.
         *
         * @param deadline 0 or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder gatheringDeadline(Duration deadline) {
            if (deadline.isNegative()) {
                throw new IllegalArgumentException("negative gathering deadline: " + deadline);
            }
            this.gatheringDeadline = deadline;
            return this;
        }

        /** {@link #OFFER_LIFETIME}, shorter for tests only: peers expect WebTorrent's. */
        Builder offerLifetime(Duration lifetime) {
            this.offerLifetime = lifetime;
            return this;
        }

        /**
         * Receives the peers whose data channel opened, for using this object on its own. Without one, they go to
         * the tracker runtime it is given to (the {@code TrackerClient} of their torrent, or Bt), or are closed.
         *
         * @param listener called on libwebrtc's signalling thread, see {@link WebRtcPeerListener}
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder listener(WebRtcPeerListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            this.listenerSet = true;
            return this;
        }

        /**
         * Loads libwebrtc and starts it, and this object's thread.
         *
         * @return the running implementation; close it when done
         * @throws WebRtcUnavailableException libwebrtc cannot run here; the message names the fix
         */
        public NativeWebRtc build() {
            HeadlessAudioDeviceModule audio;
            try {
                // a factory with the default audio device module aborts the JVM where there is no sound card
                audio = new HeadlessAudioDeviceModule();
            } catch (LinkageError e) {
                throw new WebRtcUnavailableException(e);
            }
            try {
                return new NativeWebRtc(this, audio, new PeerConnectionFactory(audio));
            } catch (LinkageError e) {
                audio.dispose();
                throw new WebRtcUnavailableException(e);
            } catch (RuntimeException e) {
                audio.dispose();
                throw e;
            }
        }
    }
}
