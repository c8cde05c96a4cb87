# Layers the build enforces (docs/architecture.md). A library target that owns a folder sees it
# under its rooted name, and sees the folders of the targets it links, and nothing else: its
# include path is a folder of its own holding one symbolic link per owned folder. A file that
# includes a layer above its own ("kiosk/app/X.h" from kiosk/ui) does not find it and fails to
# build. The project root is never on an include path, and tests/layers/check-layers.py rejects
# "../" includes, which would walk around this.
#
#   dps_layer(<target> <folder>...)   folder relative to the project root, e.g. kiosk/core
#
# Files of the layer include each other and the layers below as "kiosk/core/KioskFlow.h".
function(dps_layer target)
  set(root ${PROJECT_BINARY_DIR}/layers/${target})
  foreach(folder IN LISTS ARGN)
    if(NOT IS_DIRECTORY ${PROJECT_SOURCE_DIR}/${folder})
      message(FATAL_ERROR "dps_layer(${target}): ${folder} is not a folder of the project")
    endif()
    get_filename_component(parent ${root}/${folder} DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder} ${root}/${folder} SYMBOLIC)
    set_property(TARGET ${target} APPEND PROPERTY DPS_LAYER_FOLDERS ${folder})
  endforeach()
  target_include_directories(${target} PUBLIC ${root})
endfunction()
