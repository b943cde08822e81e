# Thông báo lỗi, theo mã lỗi của gocua-api (error-<mã>).

error-invalid-language = Ngôn ngữ “{ $value }” chưa được hỗ trợ. Hãy chọn Tiếng Việt (vi) hoặc English (en).
error-invalid-portal-url = { $reason ->
    [insecure] “{ $value }” không được mã hóa: cổng trên máy khác phải bắt đầu bằng https:// để dữ liệu của người dân không đi qua mạng dưới dạng rõ.
   *[other] “{ $value }” không phải địa chỉ cổng hợp lệ. Địa chỉ phải bắt đầu bằng https://, ví dụ https://lgsp.example.gov.vn, hoặc là http:// trên chính máy này, ví dụ http://127.0.0.1:8787.
}
error-storage = Không đọc hoặc ghi được dữ liệu trên máy. Dữ liệu đã nhập vẫn còn; hãy thử lại. Chi tiết: { $detail }
error-no-data-dir = Không xác định được thư mục dữ liệu. Hãy chỉ định bằng --data-dir hoặc biến môi trường GOCUA_DATA_DIR.
error-internal = Lỗi không mong muốn. Hãy thử lại; nếu vẫn lỗi, báo cho người phụ trách kỹ thuật. Chi tiết: { $detail }
error-invalid-pack = Gói danh mục không hợp lệ tại trường “{ $path }”: { $detail }. Gói đang dùng vẫn giữ nguyên.
error-pack-not-newer = Gói danh mục { $pack } phiên bản { $version } không mới hơn phiên bản đang dùng ({ $installed }). Không có gì thay đổi.
error-not-found = Không tìm thấy “{ $value }”.
error-unreadable = Không đọc được tệp “{ $path }”: { $detail }
error-address-not-recognised = { $reason ->
    [empty] Chưa nhập địa chỉ.
    [province] Không nhận ra tỉnh, thành phố trong “{ $part }”. Hãy ghi tỉnh ở cuối địa chỉ, ví dụ “…, Tỉnh Cà Mau”.
    [district] Không nhận ra quận, huyện trong “{ $part }”. Địa chỉ cũ có dạng “xã/phường, quận/huyện, tỉnh”.
   *[ward] Không nhận ra xã, phường trong “{ $part }”. Hãy kiểm tra lại tên xã, phường trên thẻ.
}
error-invalid-card = { $reason ->
    [empty] Chưa đọc được gì từ mã QR. Hãy quét lại.
    [field-count] Mã QR không đúng dạng của thẻ căn cước (thiếu thông tin). Hãy quét lại mã QR trên thẻ (mặt trước với thẻ căn cước công dân cũ, mặt sau với thẻ căn cước cấp từ 1/7/2024).
    [id-format] Số định danh cá nhân phải gồm đúng 12 chữ số.
    [old-id-format] Số CMND cũ gồm 9 hoặc 12 chữ số, hoặc để trống.
    [name-empty] Chưa có họ và tên.
    [birth-date] Ngày sinh không hợp lệ.
    [issue-date] Ngày cấp thẻ không hợp lệ.
    [sex] Giới tính phải là “Nam” hoặc “Nữ”.
    [address-empty] Chưa có địa chỉ.
    [id-province] Ba chữ số đầu của số định danh không phải mã tỉnh nơi đăng ký khai sinh. Hãy kiểm tra lại số. Nếu thẻ ghi đúng như vậy (ví dụ người khai sinh ở nước ngoài có mã quốc gia ở ba chữ số đầu), đối chiếu với thẻ và người dân rồi đánh dấu “Đã đối chiếu với thẻ”.
    [id-century-sex] Chữ số thứ tư của số định danh không khớp với năm sinh và giới tính. Hãy kiểm tra lại. Nếu thẻ ghi đúng như vậy, đối chiếu với thẻ và người dân rồi đánh dấu “Đã đối chiếu với thẻ”.
    [id-year] Chữ số thứ năm và sáu của số định danh không khớp với năm sinh. Hãy kiểm tra lại. Nếu thẻ ghi đúng như vậy, đối chiếu với thẻ và người dân rồi đánh dấu “Đã đối chiếu với thẻ”.
    [future] Ngày sinh hoặc ngày cấp nằm trong tương lai.
    [issued-before-birth] Ngày cấp thẻ sớm hơn ngày sinh.
    [bad-character] Thông tin thẻ có ký tự ẩn hoặc ký tự điều khiển mà thẻ thật không có. Hãy quét lại thẻ hoặc nhập tay.
    [too-long] Một thông tin dài hơn mức thẻ căn cước cho phép. Hãy quét lại thẻ hoặc nhập tay.
    [several-lines] Đã đọc nhiều hơn một thẻ cùng lúc. Hãy quét từng thẻ một.
   *[other] Thông tin thẻ không hợp lệ.
}
error-consent-required = Chưa có sự đồng ý của người dân để lưu thông tin cá nhân, nên chưa lưu gì cả. Bạn vẫn có thể hướng dẫn mà không lưu.
error-no-consent = { $purpose ->
    [document_images] Ông/bà chưa đồng ý cho lưu ảnh giấy tờ, nên ảnh chưa được lưu. Hãy hỏi ý kiến ông/bà, ghi nhận sự đồng ý trong hồ sơ cá nhân rồi thêm ảnh lại.
   *[dossiers] Ông/bà chưa đồng ý (hoặc đã rút lại sự đồng ý) cho việc chuẩn bị và gửi hồ sơ thay mình, nên chưa lưu hay gửi gì cả.
}
error-invalid-value = { $empty ->
    [yes] { $field ->
        [portal_code] Hãy nhập mã hồ sơ mà Cổng dịch vụ công đã cấp (in trên biên nhận).
        [name] Hãy nhập tên.
        [operator] Hãy nhập tên người hỗ trợ.
        [team_contact] Hãy nhập số điện thoại hoặc địa chỉ liên hệ của tổ.
        [from] Hãy nhập ngày bắt đầu.
        [to] Hãy nhập ngày kết thúc.
       *[other] Hãy điền vào ô còn trống.
    }
   *[no] { $field ->
        [portal_code] Mã “{ $value }” không giống mã hồ sơ của Cổng dịch vụ công. Hãy chép đúng mã in trên biên nhận.
        [name] Tên “{ $value }” quá dài.
        [operator] Tên người hỗ trợ “{ $value }” không dùng được.
        [from] Ngày bắt đầu “{ $value }” không hợp lệ: hãy nhập ngày/tháng/năm.
        [to] Ngày kết thúc “{ $value }” không hợp lệ: hãy nhập ngày/tháng/năm, không sớm hơn ngày bắt đầu.
        [month] Tháng “{ $value }” không hợp lệ.
        [retention_days] Số ngày lưu “{ $value }” không hợp lệ.
        [satisfaction] Mức hài lòng “{ $value }” không hợp lệ.
        [public_key] Khóa công khai “{ $value }” không hợp lệ: cần 64 chữ số hệ mười sáu.
        [req] Yêu cầu không đúng dạng: { $value }.
        [state] Trạng thái “{ $value }” không có trong danh sách.
        [mark] Giấy tờ này là bắt buộc, không thể đánh dấu là không áp dụng.
       *[other] Giá trị “{ $value }” không hợp lệ.
    }
}
error-key-unavailable = { $reason ->
    [no-keyring] Máy này không có kho khóa của hệ điều hành để giữ khóa mã hóa dữ liệu. Hãy đặt mật khẩu bảo vệ bằng biến môi trường GOCUA_PASSPHRASE rồi mở lại ứng dụng.
    [passphrase-needed] Dữ liệu trên máy được bảo vệ bằng mật khẩu. Hãy đặt mật khẩu đó trong biến môi trường GOCUA_PASSPHRASE rồi mở lại ứng dụng.
    [wrong-passphrase] Mật khẩu bảo vệ dữ liệu không đúng. Dữ liệu không bị thay đổi.
    [wrong-key] Khóa mã hóa không mở được cơ sở dữ liệu này. Dữ liệu không bị thay đổi.
    [key-lost] Cơ sở dữ liệu đã được mã hóa nhưng không tìm thấy khóa của nó (kho khóa đã bị xóa?). Hãy khôi phục từ bản sao lưu.
    [keyring-damaged] Khóa trong kho khóa của hệ điều hành bị hỏng. Hãy khôi phục từ bản sao lưu.
    [wrapped-damaged] Tệp key.wrapped trong thư mục dữ liệu bị hỏng. Hãy khôi phục từ bản sao lưu.
    [passphrase-short] Mật khẩu bảo vệ dữ liệu phải có ít nhất 12 ký tự. Hãy chọn mật khẩu dài hơn.
    [installation-id-damaged] Tệp installation-id trong thư mục dữ liệu bị hỏng. Hãy khôi phục từ bản sao lưu.
   *[other] Không lấy được khóa mã hóa dữ liệu.
}
error-audit-broken = Nhật ký kiểm toán đã bị sửa, xóa hoặc đảo thứ tự. Hãy báo ngay cho trưởng nhóm.
error-invalid-pin = { $reason ->
    [trivial] Mã PIN không được là một chữ số lặp lại hay dãy liên tiếp (như 123456). Hãy chọn mã khác.
   *[format] Mã PIN gồm 6 đến 12 chữ số.
}
error-wrong-pin = Tên hoặc mã PIN không đúng.
error-locked-out = Nhập sai quá nhiều lần. Hãy chờ { $seconds } giây rồi thử lại.
error-forbidden = { $reason ->
    [lead] Chỉ trưởng nhóm mới làm được việc này. Hãy nhờ trưởng nhóm mở khóa.
    [last-lead] Không xóa được trưởng nhóm cuối cùng: máy sẽ không còn ai quản lý. Hãy thêm một trưởng nhóm khác trước.
    [not-first] Máy này đã có trưởng nhóm. Hãy mở khóa bằng mã PIN.
    [kiosk] Ở chế độ tự phục vụ không xem được thông tin của người dân. Cần tình nguyện viên mở khóa.
   *[locked] Ứng dụng đang khóa. Hãy mở khóa bằng mã PIN.
}
error-no-form = Thủ tục “{ $value }” chưa có biểu mẫu điền hồ sơ trong ứng dụng. Hãy làm theo hướng dẫn trên trang thủ tục.
error-dossier-incomplete = Hồ sơ chưa đủ: { $answers ->
    [0] các câu trả lời đã đủ
   *[other] còn { $answers } câu trả lời thiếu hoặc chưa đúng
}, { $papers ->
    [0] giấy tờ đã đủ.
   *[other] còn { $papers } giấy tờ chưa đính kèm.
}
error-not-editable = Hồ sơ đã gửi đi (hoặc đang gửi) nên không sửa được nữa. Nếu cơ quan yêu cầu bổ sung, hồ sơ sẽ mở lại để sửa.
error-invalid-attachment = { $reason ->
    [too-large] Tệp quá lớn: tối đa { $max } MB. Hãy chụp lại hoặc chọn tệp nhỏ hơn.
    [empty] Tệp trống, không có gì để đính kèm.
    [damaged] Không đọc được ảnh hoặc tệp PDF này (tệp hỏng hoặc chưa tải xong). Hãy chụp lại.
   *[unsupported] Chỉ đính kèm được ảnh (JPEG, PNG, WebP) hoặc tệp PDF.
}
error-bad-backup = { $reason ->
    [missing] Không có tệp sao lưu ở đường dẫn này. Hãy kiểm tra tên tệp và thư mục. Chưa khôi phục gì.
    [not-a-file] Đường dẫn này là một thư mục, không phải tệp sao lưu. Chưa khôi phục gì.
    [empty] Tệp sao lưu trống (việc sao chép chưa xong?). Chưa khôi phục gì.
    [wrong-passphrase] Mật khẩu sao lưu không đúng, hoặc tệp này không phải bản sao lưu của Gõ Cửa. Chưa khôi phục gì.
    [damaged] Tệp sao lưu bị thiếu hoặc bị hỏng (bị cắt ngắn hoặc bị sửa sau khi tạo). Chưa khôi phục gì; hãy dùng một bản sao khác.
    [too-new] Bản sao lưu được tạo bởi phiên bản Gõ Cửa mới hơn. Hãy cập nhật ứng dụng trước rồi khôi phục. Chưa khôi phục gì.
    [foreign] Bản sao lưu chứa dữ liệu mà Gõ Cửa không bao giờ ghi, nên không được tin cậy. Chưa khôi phục gì.
    [passphrase-short] Mật khẩu sao lưu phải có ít nhất 10 ký tự.
    [exists] Đã có tệp trùng tên; hãy chọn tên khác. Không ghi đè tệp nào.
   *[not-empty] Thư mục dữ liệu này đã có dữ liệu. Hãy khôi phục vào một thư mục mới, trống.
}
error-untrusted-pack = { $reason ->
    [out-of-scope] Khóa ký gói danh mục này không được phép ký gói đó (danh mục quốc gia chỉ do đơn vị phát hành Gõ Cửa ký; máy chủ nhóm chỉ ký gói của tỉnh mình), nên chưa cài gì.
    [version-jump] Phiên bản của gói danh mục này vượt quá xa phiên bản đang dùng, nên chưa cài gì. Hãy báo trưởng nhóm.
    [unsigned] Gói danh mục này chưa được ký, nên chưa cài gì. Hãy dùng gói đã ký; trưởng nhóm tin tệp này có thể cài bằng lệnh “gocua catalog import --unsigned”.
    [unknown-key] Gói danh mục này được ký bằng một khóa mà máy này chưa tin cậy, nên chưa cài gì. Trưởng nhóm có thể thêm khóa của đơn vị phát hành bằng lệnh “gocua catalog trust-key”.
    [bad-signature] Gói danh mục này đã bị sửa sau khi ký, nên chưa cài gì. Hãy lấy lại gói từ đơn vị phát hành.
   *[malformed] Không đọc được chữ ký của gói danh mục này, nên chưa cài gì.
}
error-speech-unavailable = { $reason ->
    [missing] Máy này chưa có giọng đọc tiếng Việt. Nhờ trưởng nhóm cài gói espeak-ng (sudo apt install espeak-ng) để dùng nút “Đọc to”.
   *[other] Không đọc to được lúc này. Hãy thử lại; nếu vẫn lỗi, báo trưởng nhóm.
}
error-printer-unavailable = { $reason ->
    [missing] Máy này chưa nối máy in, nên chưa in được. Hãy nhờ tình nguyện viên in giúp; câu trả lời của bạn vẫn còn trên màn hình.
   *[other] Máy in chưa nhận bản in (chưa chọn máy in mặc định, hết giấy hoặc đang tắt). Hãy nhờ tình nguyện viên; câu trả lời của bạn vẫn còn trên màn hình.
}
error-hub = { $reason ->
    [busy] Máy đang đồng bộ ở một cửa sổ khác hoặc chạy nền, chưa xong. Hãy đợi một lát rồi thử lại; không mất dữ liệu nào.
    [code-damaged] Mã tham gia không đúng hoặc chưa đủ. Hãy nhập lại đúng mã trưởng nhóm đưa (bắt đầu bằng GC1-); có thể dán cả mã, dấu cách và xuống dòng không ảnh hưởng.
    [code-invalid] Mã tham gia này đã được dùng, đã hết hạn (mã chỉ dùng được một lần, trong 24 giờ) hoặc không thuộc máy chủ nhóm này. Hãy xin trưởng nhóm một mã mới.
    [unreachable] Chưa kết nối được với máy chủ nhóm. Dữ liệu vẫn lưu trên máy này và sẽ được gửi ở lần đồng bộ sau.
    [wrong-certificate] Máy chủ trả lời không phải máy chủ nhóm ghi trong mã tham gia (chứng chỉ không khớp), nên không gửi gì. Hãy báo trưởng nhóm.
    [clock] Đồng hồ của máy này lệch hơn 5 phút so với máy chủ nhóm, nên máy chủ không nhận. Hãy chỉnh ngày giờ của máy (tự động theo mạng) rồi thử lại.
    [revoked] Trưởng nhóm đã thu hồi quyền đồng bộ của máy này. Dữ liệu trên máy vẫn còn nguyên; máy không gửi gì lên máy chủ nhóm nữa.
    [not-joined] Máy này chưa tham gia máy chủ nhóm nào. Hãy nhập mã tham gia do trưởng nhóm đưa.
    [handover-consent] Hãy hỏi ý kiến người dân trước: hồ sơ (câu trả lời và ảnh giấy tờ) sẽ được chuyển sang máy của tình nguyện viên khác trong nhóm. Đánh dấu ô “Người dân đồng ý” rồi chuyển lại.
    [handover-no-laptop] Máy nhận không còn trong nhóm (đã bị thu hồi hoặc chưa tham gia). Hãy chọn máy khác.
    [handover-closed] Hồ sơ này đã được xử lý ở máy khác: máy nhận đã nhận hoặc từ chối, hoặc máy gửi đã lấy lại. Danh sách đã được cập nhật.
    [handover-sealed] Không mở được hồ sơ được chuyển đến (hỏng hoặc không đúng máy gửi), nên không nhận. Hãy nhờ người gửi chuyển lại.
    [handover-form] Máy này chưa có đúng mẫu tờ khai của hồ sơ được chuyển đến. Hãy đồng bộ với máy chủ nhóm để cập nhật danh mục rồi nhận lại; hồ sơ vẫn thuộc máy gửi.
    [handover-too-large] Hồ sơ có quá nhiều ảnh giấy tờ để chuyển một lần (tối đa khoảng 25 MB). Hãy bớt ảnh rồi chuyển lại.
   *[refused] Máy chủ nhóm từ chối yêu cầu. Hãy thử lại; nếu vẫn lỗi, báo trưởng nhóm.
}
error-cannot-open = Không mở được tệp bằng trình xem của máy (máy chưa có trình xem PDF, hoặc trình xem bị lỗi). Tệp vẫn được lưu tại: { $path }
