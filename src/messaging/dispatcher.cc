#include "messaging/dispatcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "app/records.h"
#include "base/thread_name.h"
#include "core/quiet_hours.h"
#include "messaging/message.h"

namespace salon {

// What becomes of one claimed message.
struct Dispatcher::Decision {
  enum class Action { kSend, kSkip, kExpire, kDefer } action = Action::kSend;
  std::string reason;
  Instant defer_until{};
  OutgoingSms sms;  // what goes to the provider, when sent
  SendResult sent;
};

Dispatcher::Dispatcher(Store& store, Directory& directory, Campaigns& campaigns,
                       SmsProvider& provider, const Clock& clock, Metrics& metrics,
                       DispatcherConfig config)
    : store_(store),
      directory_(directory),
      campaigns_(campaigns),
      provider_(provider),
      clock_(clock),
      config_(config),
      claimed_(metrics.CounterOf("salon_messages_claimed_total",
                                 "Messages and fan-out jobs the dispatcher claimed.")),
      metrics_(metrics) {}

std::vector<Dispatcher::Decision> Dispatcher::Decide(const std::vector<MessageRow>& claimed,
                                                     Instant now) {
  std::vector<Decision> out(claimed.size());
  Status read = store_.Read([&](ReadTxn& txn) {
    std::vector<RecordKey> recipients;
    std::map<std::string, QuietHours> quiet_of;  // marketing's salons, from memory
    recipients.reserve(claimed.size());
    for (const MessageRow& row : claimed) {
      recipients.push_back({SalonId{row.salon_id}, row.client_id});
      // Marketing waits out its salon's quiet hours.
      if (IsMarketing(row.kind) && !quiet_of.contains(row.salon_id)) {
        auto salon = directory_.FindSalon(txn, SalonId{row.salon_id});
        quiet_of[row.salon_id] = salon.ok() ? salon->messaging.quiet : MessagingSettings{}.quiet;
      }
    }
    // One read for the round's clients.
    const auto clients = LoadMany<Client>(txn, recipients);
    for (size_t i = 0; i < claimed.size(); ++i) {
      const MessageRow& row = claimed[i];
      Decision& d = out[i];
      const MessageDoc doc(row);
      d.sms = {row.id, row.salon_id, doc.Text("from"), row.to, doc.Text("text"),
               doc.Text("encoding") == "ucs2"};
      const MessageKind kind = row.kind;
      if (auto expires = doc.ExpiresAt(); expires && *expires <= now) {
        d.action = Decision::Action::kExpire;
        d.reason = "no longer useful";
        continue;
      }
      const auto found = clients.find({row.salon_id, row.client_id});
      const Client* client = found == clients.end() ? nullptr : &found->second;
      const bool consent = client && !client->archived &&
                           (IsMarketing(kind) ? client->sms_marketing : client->sms_reminders);
      if (!consent) {
        d.action = Decision::Action::kSkip;
        d.reason = !client || client->archived ? "client archived"
                   : IsMarketing(kind)         ? "no marketing consent"
                                               : "no reminder consent";
        continue;
      }
      if (!IsMarketing(kind)) continue;  // reminders are exempt from quiet hours
      auto zone = TimeZone::Find(doc.Text("zone"));
      if (!zone.ok()) continue;
      const Instant sendable = NextSendable(now, *zone, quiet_of[row.salon_id]);
      if (sendable > now) {
        d.action = Decision::Action::kDefer;
        d.defer_until = sendable;
      }
    }
    return Status::Ok();
  });
  if (!read.ok()) {
    // Unsure of consent: send nothing now; try again shortly.
    for (Decision& d : out) {
      d.action = Decision::Action::kDefer;
      d.defer_until = now + config_.first_retry;
    }
  }
  return out;
}

Result<int> Dispatcher::RunOnce() {
  const Instant now = clock_.Now();
  std::vector<MessageRow> claimed;
  SALON_RETURN_IF_ERROR(store_.Write([&](WriteTxn& txn) {
    claimed = txn.ClaimMessages(UnixSeconds(now), UnixSeconds(now + config_.in_doubt), config_.batch);
    return Status::Ok();
  }));
  if (claimed.empty()) return 0;
  claimed_.Add(double(claimed.size()));

  std::vector<MessageRow> messages;
  for (MessageRow& row : claimed) {
    if (row.kind != MessageKind::kFanOut) {
      messages.push_back(std::move(row));
      continue;
    }
    Status s = store_.Write([&](WriteTxn& txn) { return campaigns_.FanOut(txn, row, now); });
    if (!s.ok()) spdlog::warn("campaign {} fan-out failed: {}", row.campaign_id, s.message());
  }

  std::vector<Decision> decisions = Decide(messages, now);
  std::vector<OutgoingSms> batch;
  std::vector<size_t> sent_index;
  for (size_t i = 0; i < messages.size(); ++i) {
    if (decisions[i].action != Decision::Action::kSend) continue;
    batch.push_back(decisions[i].sms);
    sent_index.push_back(i);
  }
  if (!batch.empty()) {
    std::vector<SendResult> results = provider_.Send(batch);
    for (size_t k = 0; k < sent_index.size(); ++k) decisions[sent_index[k]].sent = results[k];
  }

  const Instant done = clock_.Now();
  std::map<std::string, int> outcomes;
  // What is known of each message; one sent in doubt stays so (a delivery
  // report, or a claim after in_doubt, settles it).
  std::map<std::pair<std::string, std::string>, const Decision*> settled;
  std::vector<RecordKey> keys;
  for (size_t i = 0; i < messages.size(); ++i) {
    const Decision& d = decisions[i];
    if (d.action == Decision::Action::kSend && d.sent.outcome == SendOutcome::kUnknown) continue;
    settled.emplace(std::pair{messages[i].salon_id, messages[i].id}, &d);
    keys.push_back({SalonId{messages[i].salon_id}, messages[i].id});
  }
  Status recorded = store_.Write([&](WriteTxn& txn) {
    // Read, and locked, in write order (OutboxReader::GetMessages).
    for (MessageRow& row : txn.GetMessages(keys)) {
      // A delivery report may have come first (the message is then sent,
      // delivered or failed already): it stands.
      if (row.status != MessageStatus::kSending) continue;
      const Decision& d = *settled.at({row.salon_id, row.id});
      Status moved;
      switch (d.action) {
        case Decision::Action::kSkip:
          moved = Transition(row, MessageStatus::kSkipped, done, d.reason);
          break;
        case Decision::Action::kExpire:
          moved = Transition(row, MessageStatus::kExpired, done, d.reason);
          break;
        case Decision::Action::kDefer:
          moved = Transition(row, MessageStatus::kQueued, done, "quiet hours");
          row.due_at = UnixSeconds(d.defer_until);
          row.attempts = std::max(0, row.attempts - 1);
          break;
        case Decision::Action::kSend:
          if (d.sent.outcome == SendOutcome::kAccepted) {
            moved = Transition(row, MessageStatus::kSent, done);
          } else if (d.sent.outcome == SendOutcome::kPermanent ||
                     row.attempts >= config_.max_attempts) {
            moved = Transition(row, MessageStatus::kFailed, done, d.sent.detail);
          } else {
            moved = Transition(row, MessageStatus::kQueued, done, "retry: " + d.sent.detail);
            auto wait = config_.first_retry * (1LL << std::min(row.attempts - 1, 20));
            row.due_at =
                UnixSeconds(done + std::min<std::chrono::seconds>(wait, config_.last_retry));
          }
          break;
      }
      if (!moved.ok()) continue;  // never: every move from sending is allowed
      outcomes[std::string(ToString(row.status))]++;
      txn.PutMessage(row);
    }
    return Status::Ok();
  });
  if (!recorded.ok()) {
    // The messages stay "sending" and in doubt; delivery reports or a later
    // claim settle them.
    spdlog::warn("recording {} message outcomes failed: {}", messages.size(), recorded.message());
  }
  for (const auto& [status, n] : outcomes) {
    metrics_.CounterOf("salon_messages_total", "Message outcomes the dispatcher recorded.",
                       "{status=\"" + status + "\",provider=\"" + provider_.name() + "\"}")
        .Add(n);
  }
  return int(claimed.size());
}

void Dispatcher::Start() {
  std::lock_guard lock(mu_);
  if (!threads_.empty()) return;
  stopping_ = false;
  for (int i = 0; i < std::max(1, config_.workers); ++i) {
    threads_.push_back(NamedThread("dispatcher", [this] { Loop(); }));
  }
}

void Dispatcher::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void Dispatcher::Wake() {
  {
    std::lock_guard lock(mu_);
    ++wakes_;
  }
  cv_.notify_all();
}

void Dispatcher::Loop() {
  for (;;) {
    std::uint64_t seen;
    {
      std::lock_guard lock(mu_);
      seen = wakes_;
    }
    auto handled = RunOnce();
    if (!handled.ok()) spdlog::warn("dispatcher: {}", handled.status().message());
    std::unique_lock lock(mu_);
    if (stopping_) return;
    if (handled.ok() && *handled > 0) continue;  // more may be due at once
    // Rest, unless work was queued since this round began.
    cv_.wait_for(lock, config_.idle_poll, [&] { return wakes_ != seen || stopping_; });
    if (stopping_) return;
  }
}

}  // namespace salon
