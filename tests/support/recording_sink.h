// A SocketSink that records what connect-local's ChatService pushes to one websocket.
#pragma once
#include <string>
#include <vector>

#include "connect_local/chat_service.h"
#include "finchat/protocol.h"

namespace testsupport {

struct RecordingSink : connect_local::SocketSink {
    std::vector<std::string> frames;
    int closed = 0;
    void send(std::string frame) override { frames.push_back(std::move(frame)); }
    void close(int code) override { closed = code; }
    std::vector<finchat::Item> items() const {
        std::vector<finchat::Item> out;
        for (const auto& f : frames)
            if (auto fr = finchat::decodeServerFrame(f); fr && fr->topic == finchat::FrameTopic::Chat) out.push_back(fr->item);
        return out;
    }
    std::vector<std::string> kinds() const {
        std::vector<std::string> out;
        for (const auto& i : items()) out.push_back(i.contentType.substr(i.contentType.rfind('.') + 1));
        return out;
    }
};

}  // namespace testsupport
