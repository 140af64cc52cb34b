/**
 * Netty connections to brokers. {@link dev.partita.client.network.NetworkClient} keeps one
 * {@link dev.partita.client.network.BrokerConnection} per broker address: opened on first use,
 * handshake (ApiVersions, then SASL PLAIN when configured), pipelined requests matched by
 * correlation id, a timeout per request (a written request that times out closes its connection:
 * answers come in request order, so nothing behind it could arrive), in-flight requests failed
 * with a retriable NETWORK_EXCEPTION when the connection drops, reconnect with exponential back-off on next use.
 * The frame pipeline shared with the broker ({@code FrameDecoder}, {@code FrameEncoder},
 * {@code SharedFileRegion}) also lives here. Transport: epoll where available, NIO otherwise.
 */
package dev.partita.client.network;
