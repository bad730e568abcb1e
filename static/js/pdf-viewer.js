// Draws the PDFs of the page (div.pdf-viewer[data-pdf-url]) with the vendored PDF.js, page by
// page on canvases. Nothing of the document runs: no scripting, no XFA, no eval, no links.
const BATCH = 10; // pages drawn at once; "more" draws the next batch

async function loadLibrary(viewer) {
  const pdfjs = await import(viewer.dataset.pdfjs);
  pdfjs.GlobalWorkerOptions.workerSrc = viewer.dataset.pdfjsWorker;
  return pdfjs;
}

async function drawPage(pdf, number, viewer, width) {
  const page = await pdf.getPage(number);
  const base = page.getViewport({ scale: 1 });
  const scale = Math.min(2, width / base.width);
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: scale * ratio });
  const canvas = document.createElement("canvas");
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = Math.floor(viewport.width / ratio) + "px";
  canvas.className = "pdf-page";
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", viewer.dataset.pageLabel + " " + number + "/" + pdf.numPages);
  viewer.appendChild(canvas);
  await page.render({ canvasContext: canvas.getContext("2d"), viewport: viewport }).promise;
  page.cleanup();
}

async function show(viewer) {
  const status = viewer.querySelector(".pdf-viewer-status");
  try {
    const pdfjs = await loadLibrary(viewer);
    const pdf = await pdfjs.getDocument({
      url: viewer.dataset.pdfUrl,
      isEvalSupported: false,
      enableXfa: false,
      disableRange: true,
      disableStream: true,
      disableAutoFetch: true,
      stopAtErrors: false,
    }).promise;
    const width = Math.max(240, viewer.clientWidth - 16);
    let next = 1;
    const more = document.createElement("button");
    more.type = "button";
    more.className = "btn btn-sm btn-outline-primary m-2";
    const drawBatch = async function () {
      more.remove();
      const last = Math.min(pdf.numPages, next + BATCH - 1);
      for (; next <= last; next += 1) {
        await drawPage(pdf, next, viewer, width);
      }
      if (next <= pdf.numPages) {
        more.textContent = viewer.dataset.more + " (" + next + "–" + Math.min(pdf.numPages, next + BATCH - 1) + "/" + pdf.numPages + ")";
        viewer.appendChild(more);
      }
    };
    more.addEventListener("click", drawBatch);
    status.textContent = viewer.dataset.pageLabel + ": " + pdf.numPages;
    await drawBatch();
  } catch (error) {
    status.textContent = viewer.dataset.error;
    status.classList.add("text-danger");
  }
}

// A viewer inside a closed <details> waits until it is opened.
for (const viewer of document.querySelectorAll(".pdf-viewer[data-pdf-url]")) {
  const details = viewer.closest("details");
  if (details && !details.open) {
    details.addEventListener("toggle", function once() {
      if (details.open) {
        details.removeEventListener("toggle", once);
        show(viewer);
      }
    });
  } else {
    show(viewer);
  }
}
