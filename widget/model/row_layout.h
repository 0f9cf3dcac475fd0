// row_layout.h: heights and positions for a virtual list of rows (the message list).
//
// Dear ImGui 1.86 re-measures wrapped text every frame, which grows with history (reference §3.3): at
// 1,000 messages the measuring dominates the frame. RowLayout measures each row once per width, keeps
// the heights in a Fenwick tree (prefix sums and "which row is at y" in O(log n); one row's new height
// is an O(log n) update), and lets the window draw only the rows in view.
//
// Rows not measured yet count with an estimate (the constructor's, or the row's previous height after
// an invalidation), so a 10,000-row transcript or a width change costs nothing until rows come into
// view: updateViewport() measures what is visible and keeps the row at the top of the view where it
// was. Structural changes (rows inserted, removed, changed) come from ChatViewModel::takeChanges() and
// go through apply(), which also keeps the view anchored, e.g. when older messages are prepended.
//
// Heights are kept in 1/64 px fixed point: sums stay exact however many updates there are.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace finchat::widget {

enum class ListChangeKind { Inserted, Removed, Updated, Reset };

// One structural change of a row list, in the order it happened: `index` is valid for the list as it
// was after the changes before it. Reset: the list was rebuilt and now has `count` rows.
struct ListChange {
    ListChangeKind kind = ListChangeKind::Updated;
    std::size_t index = 0;
    std::size_t count = 1;
    std::string key;          // the row's key (for the accessibility mirror); empty for Reset
    bool operator==(const ListChange&) const = default;
};

class RowLayout {
public:
    // Height in px of row `row` laid out `width` px wide.
    using Measure = std::function<float(std::size_t row, float width)>;

    explicit RowLayout(Measure measure, float estimatedRowHeight = 48.f);

    // Width change (resize, DPR change): every row needs measuring again; known heights remain the
    // estimates meanwhile. Returns true if the width changed.
    bool setWidth(float width);
    float width() const { return width_; }
    void setEstimate(float px);     // for rows never measured (inserted from now on)

    // Structure.
    void reset(std::size_t rows);                       // all rows unmeasured
    // Returns the height (estimated) added; for rows prepended above the view, add it to scrollY.
    float insert(std::size_t at, std::size_t count = 1);
    void erase(std::size_t at, std::size_t count = 1);
    void invalidate(std::size_t row);                   // its content changed
    void invalidateAll();                               // font or text size changed
    // Applies changes in order and returns scrollY moved so the row at the top of the view stays put
    // (rows inserted or removed above it move the content, not what the user is reading).
    float apply(const std::vector<ListChange>& changes, float scrollY);

    // Measuring.
    // Measures stale rows in view (plus `overscan` px above and below), repeating while heights change
    // what is in view, and returns scrollY moved so the row at the top of the view stays put. A window
    // pinned to the bottom should instead set scrollY = totalHeight() - viewportHeight afterwards.
    float updateViewport(float scrollY, float viewportHeight, float overscan = 0);
    bool measure(std::size_t row);                      // if stale; true if it was measured now
    // Measures up to `budget` stale rows, newest (bottom) first; returns how many are left.
    std::size_t measureStale(std::size_t budget);
    std::size_t staleCount() const { return stale_; }
    bool isStale(std::size_t row) const { return rows_[row].stale; }

    // Queries.
    std::size_t size() const { return rows_.size(); }
    float totalHeight() const;
    float offsetOf(std::size_t row) const;              // top of the row; offsetOf(size()) == totalHeight()
    float heightOf(std::size_t row) const;
    // The row whose span contains y (rows of zero height are never returned); size() if y >= total.
    std::size_t rowAt(float y) const;
    struct Range {
        std::size_t first = 0, last = 0;                // [first, last)
        bool empty() const { return first >= last; }
        bool operator==(const Range&) const = default;
    };
    // Rows intersecting [scrollY, scrollY + viewportHeight).
    Range visibleRange(float scrollY, float viewportHeight) const;

    // Where the view is, in a form that survives changes: the row at the top and how far into it.
    struct Anchor {
        std::size_t row = 0;
        float into = 0;
    };
    Anchor anchorAt(float scrollY) const;
    float scrollFor(const Anchor& a) const;

private:
    struct RowState {
        std::int64_t height = 0;   // 1/64 px
        bool stale = true;
    };
    void setHeight(std::size_t row, std::int64_t height);
    void rebuildTree();
    std::int64_t prefix(std::size_t rows) const;        // total height of rows [0, rows)
    std::size_t countAtMost(std::int64_t y) const;      // largest k with prefix(k) <= y
    std::size_t countBelow(std::int64_t y) const;       // largest k with prefix(k) < y (0 if none)
    void markStale(std::size_t row);

    Measure measure_;
    float width_ = 0;
    std::int64_t estimate_;
    std::vector<RowState> rows_;
    std::vector<std::int64_t> tree_;   // Fenwick tree over heights, 1-based (tree_[0] unused)
    std::size_t stale_ = 0;
};

}  // namespace finchat::widget
