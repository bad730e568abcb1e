"""Every file name in a Django storage (local disk or S3), recursively."""


def walk_storage(storage, folder=""):
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder}/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for sub in sorted(dirs):
        yield from walk_storage(storage, prefix + sub)
