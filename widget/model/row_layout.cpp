#include "row_layout.h"

#include <algorithm>
#include <cmath>

namespace finchat::widget {

namespace {
constexpr float kUnitsPerPx = 64;

std::int64_t toUnits(float px) {
    if (!(px > 0)) return 0;   // also NaN
    return std::llround(std::min(px, 1e9f) * kUnitsPerPx);
}
float toPx(std::int64_t units) { return static_cast<float>(units) / kUnitsPerPx; }
std::int64_t floorUnits(float px) { return static_cast<std::int64_t>(std::floor(static_cast<double>(px) * kUnitsPerPx)); }
std::int64_t ceilUnits(float px) { return static_cast<std::int64_t>(std::ceil(static_cast<double>(px) * kUnitsPerPx)); }
std::size_t lowBit(std::size_t i) { return i & (~i + 1); }
}  // namespace

RowLayout::RowLayout(Measure measure, float estimatedRowHeight)
    : measure_(std::move(measure)), estimate_(toUnits(estimatedRowHeight)) {
    tree_.assign(1, 0);
}

bool RowLayout::setWidth(float width) {
    if (width == width_) return false;
    width_ = width;
    invalidateAll();
    return true;
}

void RowLayout::setEstimate(float px) { estimate_ = toUnits(px); }

// ---------------------------------------------------------------------------------------------
// Fenwick tree
// ---------------------------------------------------------------------------------------------
void RowLayout::rebuildTree() {
    const std::size_t n = rows_.size();
    tree_.assign(n + 1, 0);
    for (std::size_t i = 1; i <= n; ++i) {
        tree_[i] += rows_[i - 1].height;
        if (const std::size_t j = i + lowBit(i); j <= n) tree_[j] += tree_[i];
    }
}

std::int64_t RowLayout::prefix(std::size_t count) const {
    std::int64_t sum = 0;
    for (std::size_t k = std::min(count, rows_.size()); k > 0; k -= lowBit(k)) sum += tree_[k];
    return sum;
}

std::size_t RowLayout::countAtMost(std::int64_t y) const {
    if (y < 0) return 0;
    const std::size_t n = rows_.size();
    std::size_t pos = 0, step = 1;
    while (step * 2 <= n) step *= 2;
    for (; step > 0 && n > 0; step /= 2) {
        if (pos + step <= n && tree_[pos + step] <= y) {
            pos += step;
            y -= tree_[pos];
        }
    }
    return pos;
}

std::size_t RowLayout::countBelow(std::int64_t y) const {
    if (y <= 0) return 0;
    const std::size_t n = rows_.size();
    std::size_t pos = 0, step = 1;
    while (step * 2 <= n) step *= 2;
    for (; step > 0 && n > 0; step /= 2) {
        if (pos + step <= n && tree_[pos + step] < y) {
            pos += step;
            y -= tree_[pos];
        }
    }
    return pos;
}

void RowLayout::setHeight(std::size_t row, std::int64_t height) {
    const std::int64_t delta = height - rows_[row].height;
    rows_[row].height = height;
    if (delta == 0) return;
    for (std::size_t k = row + 1; k < tree_.size(); k += lowBit(k)) tree_[k] += delta;
}

// ---------------------------------------------------------------------------------------------
// Structure
// ---------------------------------------------------------------------------------------------
void RowLayout::reset(std::size_t rows) {
    rows_.assign(rows, RowState{estimate_, true});
    stale_ = rows;
    rebuildTree();
}

float RowLayout::insert(std::size_t at, std::size_t count) {
    at = std::min(at, rows_.size());
    if (at == rows_.size()) {
        // Appending (a new message): O(log n) per row. The new node covers (i - lowbit(i), i].
        for (std::size_t c = 0; c < count; ++c) {
            rows_.push_back(RowState{estimate_, true});
            const std::size_t i = rows_.size();
            tree_.push_back(estimate_ + prefix(i - 1) - prefix(i - lowBit(i)));
        }
    } else {
        rows_.insert(rows_.begin() + static_cast<std::ptrdiff_t>(at), count, RowState{estimate_, true});
        rebuildTree();   // O(n) over integers
    }
    stale_ += count;
    return toPx(estimate_ * static_cast<std::int64_t>(count));
}

void RowLayout::erase(std::size_t at, std::size_t count) {
    if (at >= rows_.size()) return;
    count = std::min(count, rows_.size() - at);
    const auto first = rows_.begin() + static_cast<std::ptrdiff_t>(at);
    stale_ -= static_cast<std::size_t>(std::count_if(first, first + static_cast<std::ptrdiff_t>(count),
                                                     [](const RowState& r) { return r.stale; }));
    rows_.erase(first, first + static_cast<std::ptrdiff_t>(count));
    rebuildTree();
}

void RowLayout::markStale(std::size_t row) {
    if (row < rows_.size() && !rows_[row].stale) {
        rows_[row].stale = true;
        ++stale_;
    }
}

void RowLayout::invalidate(std::size_t row) { markStale(row); }

void RowLayout::invalidateAll() {
    for (RowState& r : rows_) r.stale = true;
    stale_ = rows_.size();
}

float RowLayout::apply(const std::vector<ListChange>& changes, float scrollY) {
    Anchor a = anchorAt(scrollY);
    for (const ListChange& c : changes) {
        switch (c.kind) {
            case ListChangeKind::Inserted:
                insert(c.index, c.count);
                if (c.index <= a.row) a.row += c.count;
                break;
            case ListChangeKind::Removed:
                if (a.row >= c.index + c.count) {
                    a.row -= c.count;
                } else if (a.row >= c.index) {
                    a.row = c.index;   // the row in view went away: keep the top of what replaced it
                    a.into = 0;
                }
                erase(c.index, c.count);
                break;
            case ListChangeKind::Updated:
                invalidate(c.index);
                break;
            case ListChangeKind::Reset:
                reset(c.count);
                a = anchorAt(scrollY);
                break;
        }
    }
    return scrollFor(a);
}

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------
bool RowLayout::measure(std::size_t row) {
    if (row >= rows_.size() || !rows_[row].stale) return false;
    setHeight(row, toUnits(measure_(row, width_)));
    rows_[row].stale = false;
    --stale_;
    return true;
}

std::size_t RowLayout::measureStale(std::size_t budget) {
    for (std::size_t i = rows_.size(); i > 0 && budget > 0 && stale_ > 0; --i)
        if (measure(i - 1)) --budget;
    return stale_;
}

float RowLayout::updateViewport(float scrollY, float viewportHeight, float overscan) {
    if (rows_.empty()) return scrollY;
    const Anchor a = anchorAt(scrollY);
    // Each pass measures every stale row in view; another pass is needed only when that changed
    // which rows are in view (rows came out shorter than estimated), so this ends quickly.
    for (std::size_t pass = 0; pass < rows_.size() + 1; ++pass) {
        const Range r = visibleRange(scrollFor(a) - overscan, viewportHeight + 2 * overscan);
        bool measured = false;
        for (std::size_t i = r.first; i < r.last; ++i) measured |= measure(i);
        if (!measured) break;
    }
    return scrollFor(a);
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------
float RowLayout::totalHeight() const { return toPx(prefix(rows_.size())); }
float RowLayout::offsetOf(std::size_t row) const { return toPx(prefix(row)); }
float RowLayout::heightOf(std::size_t row) const { return row < rows_.size() ? toPx(rows_[row].height) : 0; }

std::size_t RowLayout::rowAt(float y) const { return countAtMost(floorUnits(std::max(y, 0.f))); }

RowLayout::Range RowLayout::visibleRange(float scrollY, float viewportHeight) const {
    const float top = std::max(scrollY, 0.f);
    const float bottom = scrollY + viewportHeight;
    const std::size_t first = rowAt(top);
    if (first >= rows_.size() || bottom <= top) return Range{first, first};
    // Rows starting above the bottom edge: countBelow gives the last such row's index.
    const std::size_t last = std::min(countBelow(ceilUnits(bottom)) + 1, rows_.size());
    return Range{first, std::max(first, last)};
}

RowLayout::Anchor RowLayout::anchorAt(float scrollY) const {
    const std::size_t row = std::min(rowAt(scrollY), rows_.size());
    return Anchor{row, scrollY - offsetOf(row)};
}

float RowLayout::scrollFor(const Anchor& a) const { return offsetOf(std::min(a.row, rows_.size())) + a.into; }

}  // namespace finchat::widget
