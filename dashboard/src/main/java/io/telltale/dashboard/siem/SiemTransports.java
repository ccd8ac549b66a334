package io.telltale.dashboard.siem;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The one event-loop thread every SIEM destination's connection runs on, with Linux's epoll
 * transport where it loads: only epoll tells how much of what we wrote the receiver's TCP has
 * acknowledged ({@code TCP_INFO}), which delivery confirmation uses. Elsewhere NIO, and the grace
 * period alone confirms.
 */
public final class SiemTransports implements AutoCloseable {

    private final EventLoopGroup group;
    private final boolean epoll;

    public SiemTransports() {
        epoll = Epoll.isAvailable();
        DefaultThreadFactory threads = new DefaultThreadFactory("telltale-siem", true);
        group = new MultiThreadIoEventLoopGroup(1, threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    EventLoopGroup group() {
        return group;
    }

    Class<? extends Channel> streamChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    Class<? extends Channel> datagramChannel() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /**
     * True when the receiving TCP has acknowledged every byte written on {@code channel} (always
     * true where the transport cannot tell).
     */
    static boolean peerAckedAll(Channel channel) {
        return !(channel instanceof EpollSocketChannel e) || e.tcpInfo().unacked() == 0;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
