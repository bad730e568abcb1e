"""The compliance dashboard of the tracking body: numbers (selectors), filters, server-side
SVG charts and spreadsheet exports. The PDF reports reuse `selectors.dashboard_data` and
`charts`, so the page, the spreadsheet and the PDF show the same figures."""
