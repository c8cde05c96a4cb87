# gettext: .po catalogues under assets/i18n/ are compiled to .mo in the build tree, laid out as
# <data>/locale/<lang>/LC_MESSAGES/<domain>.mo, the layout Boost.Locale reads.
find_program(MSGFMT msgfmt REQUIRED)
find_program(XGETTEXT xgettext REQUIRED)
find_program(MSGCMP msgcmp REQUIRED)

# dps_add_catalogues(target domain po_dir [data_name]): data_name is the folder under share/
# (dps-kiosk by default; dps-server's catalogues go to share/dps-server).
function(dps_add_catalogues target domain po_dir)
  set(data_dir ${DPS_BUILD_DATA_DIR})
  set(data_name dps-kiosk)
  if(ARGC GREATER 3)
    set(data_name ${ARGV3})
    set(data_dir ${PROJECT_BINARY_DIR}/share/${data_name})
  endif()
  file(GLOB po_files CONFIGURE_DEPENDS ${po_dir}/*.po)
  set(outputs)
  foreach(po ${po_files})
    get_filename_component(lang ${po} NAME_WE)
    set(mo ${data_dir}/locale/${lang}/LC_MESSAGES/${domain}.mo)
    add_custom_command(OUTPUT ${mo}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${data_dir}/locale/${lang}/LC_MESSAGES
      COMMAND ${MSGFMT} --check -o ${mo} ${po}
      DEPENDS ${po} COMMENT "Compiling ${lang} catalogue" VERBATIM)
    install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_DATADIR}/${data_name}/locale/${lang}/LC_MESSAGES)
    list(APPEND outputs ${mo})
  endforeach()
  add_custom_target(${target} ALL DEPENDS ${outputs})
endfunction()

# The template of every translatable string, extracted from the sources at build time; the
# catalogue check (tests/i18n) compares each .po against it.
function(dps_add_template target domain output)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS
       ${PROJECT_SOURCE_DIR}/kiosk/*.cpp ${PROJECT_SOURCE_DIR}/kiosk/*.h
       ${PROJECT_SOURCE_DIR}/shared/*.cpp ${PROJECT_SOURCE_DIR}/shared/*.h)
  add_custom_command(OUTPUT ${output}
    COMMAND ${XGETTEXT} --language=C++ --from-code=UTF-8 --no-wrap --sort-by-file --package-name=dps-kiosk
            --keyword=tr --keyword=trn:1,2 --keyword=trCount:1,2 --keyword=trWith:1 --keyword=N_ --keyword=translate:2
            -o ${output} ${sources}
    DEPENDS ${sources} COMMENT "Extracting translatable strings" VERBATIM)
  add_custom_target(${target} ALL DEPENDS ${output})
endfunction()

# dps-server's template: the templates' {{#tr}}…{{/tr}} sections (cmake/ExtractTemplateStrings.cmake),
# then the C++ sources' strings joined to it by xgettext itself.
function(dps_add_server_template target output)
  # Paths relative to the source tree, so the catalogues' references read server/app/….
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR}
       ${PROJECT_SOURCE_DIR}/server/*.cpp ${PROJECT_SOURCE_DIR}/server/*.h)
  list(TRANSFORM sources PREPEND ${PROJECT_SOURCE_DIR}/ OUTPUT_VARIABLE source_files)
  file(GLOB templates CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/server/web/templates/*.mustache)
  add_custom_command(OUTPUT ${output} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} "-DTEMPLATES=${templates}"
            -P ${PROJECT_SOURCE_DIR}/cmake/ExtractTemplateStrings.cmake
    COMMAND ${XGETTEXT} --language=C++ --from-code=UTF-8 --no-wrap --package-name=dps-server --join-existing
            --keyword=tr:2 --keyword=N_ -o ${output} ${sources}
    DEPENDS ${source_files} ${templates} ${PROJECT_SOURCE_DIR}/cmake/ExtractTemplateStrings.cmake
    COMMENT "Extracting dps-server's translatable strings" VERBATIM)
  add_custom_target(${target} ALL DEPENDS ${output})
endfunction()
