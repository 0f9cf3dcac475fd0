// RowLayout: heights, positions and the visible range of a virtual list.
#include <catch2/catch.hpp>

#include <chrono>
#include <random>

#include "model/row_layout.h"

using namespace finchat::widget;

namespace {

// A fake text measurer: each row has a "text length"; lines = ceil(length * 8 px / width), 20 px a line.
struct FakeRows {
    std::vector<int> lengths;
    int calls = 0;
    float height(std::size_t row, float width) {
        ++calls;
        const float textWidth = static_cast<float>(lengths.at(row)) * 8.f;
        const float lines = std::max(1.f, std::ceil(textWidth / std::max(width, 1.f)));
        return lines * 20.f;
    }
    RowLayout layout(float estimate = 40.f) {
        return RowLayout([this](std::size_t r, float w) { return height(r, w); }, estimate);
    }
};

// A layout of fixed heights, all measured.
RowLayout fixed(std::vector<float> heights) {
    auto shared = std::make_shared<std::vector<float>>(std::move(heights));
    RowLayout l([shared](std::size_t r, float) { return (*shared)[r]; });
    l.setWidth(100);
    l.reset(shared->size());
    l.measureStale(shared->size());
    return l;
}

}  // namespace

TEST_CASE("offsets, total height and rows at a position", "[layout]") {
    RowLayout l = fixed({10, 20, 0, 30, 40});
    CHECK(l.size() == 5);
    CHECK(l.totalHeight() == 100.f);
    CHECK(l.offsetOf(0) == 0.f);
    CHECK(l.offsetOf(1) == 10.f);
    CHECK(l.offsetOf(2) == 30.f);
    CHECK(l.offsetOf(3) == 30.f);
    CHECK(l.offsetOf(5) == 100.f);
    CHECK(l.heightOf(3) == 30.f);
    CHECK(l.rowAt(-5) == 0);
    CHECK(l.rowAt(0) == 0);
    CHECK(l.rowAt(9.99f) == 0);
    CHECK(l.rowAt(10) == 1);
    CHECK(l.rowAt(30) == 3);   // the zero-height row 2 is never "at" a position
    CHECK(l.rowAt(99.9f) == 4);
    CHECK(l.rowAt(100) == 5);
    CHECK(l.rowAt(1e9f) == 5);
}

TEST_CASE("visible range at the boundaries", "[layout]") {
    RowLayout l = fixed({10, 20, 0, 30, 40});   // rows at 0, 10, 30, 30, 60; total 100
    using R = RowLayout::Range;
    CHECK(l.visibleRange(0, 10) == R{0, 1});       // row 1 starts exactly at the bottom edge: not visible
    CHECK(l.visibleRange(0, 10.5f) == R{0, 2});
    CHECK(l.visibleRange(10, 20) == R{1, 2});      // row 2 (zero height) and 3 start at 30 = bottom
    CHECK(l.visibleRange(10, 21) == R{1, 4});
    CHECK(l.visibleRange(9.5f, 1) == R{0, 2});
    CHECK(l.visibleRange(0, 1000) == R{0, 5});
    CHECK(l.visibleRange(-50, 60) == R{0, 1});     // above the top
    CHECK(l.visibleRange(-50, 40) == R{0, 0});
    CHECK(l.visibleRange(99, 50) == R{4, 5});
    CHECK(l.visibleRange(100, 50).empty());        // below the end
    CHECK(l.visibleRange(20, 0).empty());
    RowLayout empty = fixed({});
    CHECK(empty.visibleRange(0, 100).empty());
    CHECK(empty.totalHeight() == 0.f);
    CHECK(empty.rowAt(0) == 0);
}

TEST_CASE("rows are measured lazily, once per width", "[layout]") {
    FakeRows rows{{10, 50, 100, 10}};
    RowLayout l = rows.layout(40);
    l.setWidth(400);
    l.reset(4);
    CHECK(l.totalHeight() == 160.f);   // estimates
    CHECK(l.staleCount() == 4);
    CHECK(rows.calls == 0);
    // The view shows the top 30 px: rows 0 and 1 (estimated 40 px each) are measured.
    CHECK(l.updateViewport(0, 30) == 0.f);
    CHECK(rows.calls == 2);
    CHECK(l.heightOf(0) == 20.f);      // 80 px of text in 400: one line
    CHECK(l.heightOf(1) == 20.f);
    CHECK(l.isStale(2));
    CHECK(l.measureStale(100) == 0);
    CHECK(rows.calls == 4);
    CHECK(l.heightOf(2) == 40.f);      // 800 px: two lines
    CHECK(l.totalHeight() == 100.f);
    l.updateViewport(0, 1000);
    CHECK(rows.calls == 4);            // nothing stale: nothing measured again

    // Narrower: everything is stale, old heights stand in until measured.
    CHECK(l.setWidth(100));
    CHECK_FALSE(l.setWidth(100));
    CHECK(l.staleCount() == 4);
    CHECK(l.totalHeight() == 100.f);
    l.measureStale(100);
    CHECK(l.heightOf(2) == 160.f);     // 800 px in 100: eight lines
    CHECK(rows.calls == 8);
}

TEST_CASE("invalidating one row re-measures that row only", "[layout]") {
    FakeRows rows{{10, 10, 10, 10, 10}};
    RowLayout l = rows.layout();
    l.setWidth(400);
    l.reset(5);
    l.measureStale(5);
    CHECK(l.totalHeight() == 100.f);
    rows.calls = 0;
    rows.lengths[2] = 100;
    l.invalidate(2);
    CHECK(l.staleCount() == 1);
    l.updateViewport(0, 1000);
    CHECK(rows.calls == 1);
    CHECK(l.heightOf(2) == 40.f);
    CHECK(l.offsetOf(3) == 80.f);
    CHECK(l.totalHeight() == 120.f);
    l.invalidateAll();
    CHECK(l.staleCount() == 5);
}

TEST_CASE("measuring rows in view keeps the row at the top of the view in place", "[layout][anchor]") {
    FakeRows rows{std::vector<int>(100, 100)};   // 800 px of text: two lines (40 px) at 400 wide
    RowLayout l = rows.layout(100);              // estimates far too tall
    l.setWidth(400);
    l.reset(100);
    // Looking at row 50 (estimated offset 5,000), 10 px into it, with 200 px of overscan each way.
    const float after = l.updateViewport(5010, 300, 200);
    // The view follows its row, whatever the rows above it turned out to measure.
    CHECK(l.rowAt(after) == 50);
    CHECK(after - l.offsetOf(50) == Approx(10));
    // Everything within the overscan is measured: the 190 px above row 50's top are rows 45-49.
    for (std::size_t r = l.rowAt(after - 200); r < l.visibleRange(after - 200, 700).last; ++r) CHECK_FALSE(l.isStale(r));
    CHECK(l.offsetOf(50) == 45 * 100.f + 5 * 40.f);
    CHECK(l.isStale(44));
    CHECK(l.isStale(0));
    CHECK(l.isStale(99));
}

TEST_CASE("rows prepended above the view do not move what the user reads", "[layout][anchor]") {
    std::vector<float> heights(50, 30.f);
    RowLayout l([&](std::size_t r, float) { return heights.at(r); });
    l.setWidth(100);
    l.reset(50);
    l.measureStale(50);
    const float scroll = 300 + 12;   // row 10, 12 px in
    // loadOlder: 15 rows at the top (estimated 48 px each until measured).
    heights.insert(heights.begin(), 15, 22.f);
    std::vector<ListChange> changes;
    for (int i = 0; i < 15; ++i) changes.push_back({ListChangeKind::Inserted, 0, 1, "old" + std::to_string(i)});
    const float after = l.apply(changes, scroll);
    CHECK(after == scroll + 15 * 48.f);
    CHECK(l.rowAt(after) == 25);     // the same row, now 15 further down
    // Measuring the new rows (they are above the view, within the overscan) keeps the anchor too.
    const float measured = l.updateViewport(after, 200, 1000);
    CHECK(l.rowAt(measured) == 25);
    CHECK(measured - l.offsetOf(25) == Approx(12));
    CHECK(l.offsetOf(15) == 15 * 22.f);
    // insert() says how much height it added, for callers that scroll by hand.
    CHECK(l.insert(0, 2) == 2 * 48.f);
}

TEST_CASE("apply: removals, updates and resets keep the anchor sensible", "[layout][anchor]") {
    RowLayout l = fixed(std::vector<float>(20, 10));
    float scroll = 105;   // row 10, 5 px in
    scroll = l.apply({{ListChangeKind::Removed, 2, 3, ""}}, scroll);
    CHECK(l.size() == 17);
    CHECK(scroll == 75.f);           // row 10 is now row 7 at 70
    scroll = l.apply({{ListChangeKind::Removed, 7, 1, ""}}, scroll);
    CHECK(scroll == 70.f);           // the row in view went away: the top of its successor
    scroll = l.apply({{ListChangeKind::Updated, 3, 1, ""}, {ListChangeKind::Inserted, 16, 1, ""}}, scroll);
    CHECK(scroll == 70.f);           // changes below the anchor row move nothing
    CHECK(l.isStale(3));
    CHECK(l.isStale(16));
    CHECK(l.size() == 17);
    scroll = l.apply({{ListChangeKind::Reset, 0, 4, ""}}, scroll);
    CHECK(l.size() == 4);
    CHECK(l.staleCount() == 4);
}

TEST_CASE("appending keeps prefix sums exact (Fenwick append)", "[layout]") {
    std::vector<float> heights;
    RowLayout l([&](std::size_t r, float) { return heights[r]; });
    l.setWidth(100);
    double total = 0;
    for (int i = 0; i < 1000; ++i) {
        heights.push_back(10.f + static_cast<float>(i % 7) * 1.25f);
        l.insert(l.size());
        l.measure(l.size() - 1);
        total += heights.back();
        REQUIRE(l.totalHeight() == Approx(total));
    }
    double offset = 0;
    for (std::size_t r = 0; r < heights.size(); ++r) {
        REQUIRE(l.offsetOf(r) == Approx(offset));
        REQUIRE(l.rowAt(static_cast<float>(offset) + 0.5f) == r);
        offset += heights[r];
    }
}

TEST_CASE("random edits agree with a plain array", "[layout]") {
    std::mt19937 rng(7);
    std::vector<float> truth;   // the measured height of each row
    RowLayout l([&](std::size_t r, float) { return truth[r]; }, 25);
    l.setWidth(300);
    for (int step = 0; step < 3000; ++step) {
        const auto n = truth.size();
        switch (rng() % 5) {
            case 0: case 1: {
                const std::size_t at = n ? rng() % (n + 1) : 0;
                truth.insert(truth.begin() + static_cast<std::ptrdiff_t>(at), static_cast<float>(rng() % 200) / 4);
                l.insert(at);
                break;
            }
            case 2: if (n) {
                const std::size_t at = rng() % n;
                truth.erase(truth.begin() + static_cast<std::ptrdiff_t>(at));
                l.erase(at);
            } break;
            case 3: if (n) {
                const std::size_t at = rng() % n;
                truth[at] = static_cast<float>(rng() % 200) / 4;
                l.invalidate(at);
            } break;
            case 4: l.measureStale(rng() % 20); break;
        }
        if (step % 100 == 99) {
            l.measureStale(truth.size());
            double sum = 0;
            for (std::size_t r = 0; r < truth.size(); ++r) {
                REQUIRE(l.offsetOf(r) == Approx(sum).margin(1e-3));
                REQUIRE(l.heightOf(r) == Approx(truth[r]).margin(1.0 / 64));
                sum += truth[r];
            }
            REQUIRE(l.totalHeight() == Approx(sum).margin(1e-3));
            // visibleRange agrees with a linear scan.
            const float y = static_cast<float>(rng() % static_cast<unsigned>(sum + 50)), h = 120;
            std::size_t first = truth.size(), last = 0;
            double top = 0;
            for (std::size_t r = 0; r < truth.size(); ++r) {
                const double bottom = top + l.heightOf(r);
                if (bottom > y && top < y + h && l.heightOf(r) > 0) {
                    first = std::min(first, r);
                    last = r + 1;
                }
                top = bottom;
            }
            const auto range = l.visibleRange(y, h);
            if (first < last) {
                REQUIRE(range.first == first);
                REQUIRE(range.last >= last);   // may include zero-height rows at the bottom edge
                for (std::size_t r = last; r < range.last; ++r) REQUIRE(l.heightOf(r) == 0.f);
            } else {
                REQUIRE(range.empty());
            }
        }
    }
}

TEST_CASE("10,000 rows: one change is not O(n) measuring", "[layout][perf]") {
    FakeRows rows{std::vector<int>(10'000, 60)};
    RowLayout l = rows.layout(40);
    l.setWidth(320);
    l.reset(10'000);
    // Pinned to the bottom: only what is in view gets measured.
    float scroll = l.totalHeight() - 600;
    l.updateViewport(scroll, 600, 300);
    CHECK(rows.calls < 60);
    const int before = rows.calls;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 10'000; ++i) {
        const std::size_t r = static_cast<std::size_t>(i * 7919 % 10'000);
        l.invalidate(r);
        l.measure(r);
        (void)l.visibleRange(static_cast<float>(i % 1000) * 30, 600);
        (void)l.offsetOf(r);
    }
    for (int i = 0; i < 1000; ++i) {   // appends at the end: O(log n) each
        rows.lengths.push_back(30);
        l.insert(l.size());
        l.measure(l.size() - 1);
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    CHECK(rows.calls == before + 11'000);   // exactly one measurement per change
    CHECK(ms < 500);                         // typically ~2 ms; an O(n) loop per change is ~100x slower
    l.measureStale(l.size());
    CHECK(l.staleCount() == 0);
    CHECK(l.totalHeight() == 10'000 * 40.f + 1000 * 20.f);   // 480 px of text at 320: two lines
}
