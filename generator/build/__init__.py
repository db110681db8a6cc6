"""The build pipeline, top to bottom in pipeline.py: inputs and change detection, model, pages, search files,
publishing, the state kept between builds.
"""
