// WCAG 2.5.8 Target Size (Minimum), measured in the page: every pointer target
// that a visitor sees, and the ones that are smaller than `minimum` (24) CSS
// pixels square with none of the criterion's exceptions: spacing (only when
// `spacing` is true), inline, user agent control.
// Returns one entry per failing target: its HTML, its size, what crowds it.
({ minimum, spacing }) => {
    const radius = minimum / 2;
    const selector = [
        "a[href]", "button", "input:not([type=hidden])", "select", "textarea",
        "summary", "[role=button]",
    ].join(",");

    // A part of the page a visitor cannot see or reach with the pointer.
    const isHidden = (element, rects) => {
        if (!element.checkVisibility({ visibilityProperty: true })) return true;
        if (element.closest(".visually-hidden, [hidden], [aria-hidden=true]")) return true;
        if (element.matches(":disabled")) return true;
        // Inside a closed <details>, all but its own summary.
        for (let details = element.closest("details:not([open])"); details;
            details = details.parentElement?.closest("details:not([open])")) {
            const summary = details.querySelector(":scope > summary");
            if (!summary || !summary.contains(element)) return true;
        }
        const width = Math.max(...rects.map((rect) => rect.width));
        const height = Math.max(...rects.map((rect) => rect.height));
        if (width <= 1 || height <= 1) return true;  // clipped to 1px, such as .visually-hidden
        // Off the page, such as the skip link until it has focus.
        const box = union(rects);
        return box.bottom + scrollY <= 0 || box.right + scrollX <= 0
            || box.left + scrollX >= document.documentElement.scrollWidth;
    };

    const union = (rects) => {
        const left = Math.min(...rects.map((rect) => rect.left));
        const top = Math.min(...rects.map((rect) => rect.top));
        const right = Math.max(...rects.map((rect) => rect.right));
        const bottom = Math.max(...rects.map((rect) => rect.bottom));
        return { left, top, right, bottom, width: right - left, height: bottom - top };
    };

    const boxesOf = (element) => {
        const rects = [...element.getClientRects()].filter((rect) => rect.width && rect.height);
        // A checkbox's or radio's labels are part of the target.
        if (element.matches("input[type=checkbox], input[type=radio]")) {
            for (const label of element.labels || []) {
                rects.push(...[...label.getClientRects()].filter((rect) => rect.width && rect.height));
            }
        }
        return rects;
    };

    // A 24 × 24 square fits into one of its boxes (one line of a wrapped link).
    const isLargeEnough = (rects) => rects.some(
        (rect) => rect.width >= minimum - 0.5 && rect.height >= minimum - 0.5,
    );

    // A link in running text: inline, in a block with text of its own between
    // the same line breaks (<br>) as the link, so not on a line of its own.
    const isInline = (element) => {
        if (!element.matches("a") || getComputedStyle(element).display !== "inline") return false;
        let block = element.parentElement;
        while (block && getComputedStyle(block).display === "inline") block = block.parentElement;
        if (!block) return false;
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
        let line = 0;
        let linkLine = null;
        const linesWithText = new Set();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node === element) linkLine = line;
            else if (node.nodeName === "BR") line += 1;
            else if (node.nodeType === Node.TEXT_NODE && node.data.trim()
                && !node.parentElement.closest("a, button, label, summary, .visually-hidden")) {
                linesWithText.add(line);
            }
        }
        return linesWithText.has(linkLine);
    };

    // The browser's own size: a checkbox or radio the author did not resize.
    const frame = document.createElement("iframe");
    frame.style.position = "absolute";
    frame.style.insetBlockStart = "-10000px";
    document.body.append(frame);
    const defaultSize = (element) => {
        if (!element.matches("input[type=checkbox], input[type=radio]")) return null;
        const control = frame.contentDocument.createElement("input");
        control.type = element.type;
        frame.contentDocument.body.append(control);
        const rect = control.getBoundingClientRect();
        return [rect.width, rect.height];
    };
    const isUserAgentControl = (element) => {
        const size = defaultSize(element);
        const rect = element.getBoundingClientRect();
        return size !== null && size[0] === rect.width && size[1] === rect.height;
    };

    const distance = (x, y, rect) => Math.hypot(
        Math.max(rect.left - x, 0, x - rect.right),
        Math.max(rect.top - y, 0, y - rect.bottom),
    );

    const targets = [];
    for (const element of document.querySelectorAll(selector)) {
        const rects = boxesOf(element);
        if (!rects.length || isHidden(element, rects)) continue;
        const box = union(rects);
        targets.push({
            element, rects, box,
            centre: [box.left + box.width / 2, box.top + box.height / 2],
            undersized: !isLargeEnough(rects),
        });
    }
    frame.remove();

    // Where the 24 px circle on an undersized target touches another target,
    // or the circle of another undersized one.
    const crowding = (target) => {
        const [x, y] = target.centre;
        for (const other of targets) {
            if (other === target || other.element.contains(target.element)
                || target.element.contains(other.element)) continue;
            if (other.rects.some((rect) => distance(x, y, rect) < radius - 0.5)) return other;
            if (other.undersized
                && Math.hypot(x - other.centre[0], y - other.centre[1]) < minimum - 0.5) {
                return other;
            }
        }
        return null;
    };

    const snippet = (element) => element.outerHTML.replace(/\s+/g, " ").slice(0, 140);
    const failures = [];
    for (const target of targets.filter((target) => target.undersized)) {
        if (isInline(target.element) || isUserAgentControl(target.element)) continue;
        const near = spacing ? crowding(target) : undefined;
        if (near === null) continue;
        failures.push({
            html: snippet(target.element),
            size: `${target.box.width.toFixed(1)}×${target.box.height.toFixed(1)}`,
            near: near ? snippet(near.element).slice(0, 80) : null,
        });
    }
    return failures;
}
