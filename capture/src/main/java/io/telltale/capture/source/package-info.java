/**
 * Packet sources and the callback they push frames to.
 *
 * <p>A frame handed to {@link io.telltale.capture.source.PacketHandler#onPacket} is a view that is
 * valid only during the call; whoever keeps bytes copies them. Sources are used by one thread.
 */
package io.telltale.capture.source;
