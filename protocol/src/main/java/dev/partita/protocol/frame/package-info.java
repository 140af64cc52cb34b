/**
 * Frames of the Partita wire protocol: {@link dev.partita.protocol.frame.FrameCodec}, the
 * primitive readers and writers, and the body codec of every API. Placeholder: full layout
 * tables follow.
 */
package dev.partita.protocol.frame;
